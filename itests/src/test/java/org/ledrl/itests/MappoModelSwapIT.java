package org.ledrl.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ledrl.itests.Platform.platform;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The {@code mappo} policy in a real Felix with the ML runtime bundle (ONNX Runtime embedded, no PyTorch, as on
 * an edge gateway): it decides with the shipped model, and replacing the configured model file under load swaps
 * the model without a failed decision and without restarting or refreshing any bundle.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MappoModelSwapIT {

    private static final long SWAP_MILLIS = 20_000;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() {
        List<Option> bundles = new ArrayList<>();
        for (String path : System.getProperty("ledrl.itest.mappo", "").split(",")) {
            if (!path.isBlank()) {
                bundles.add(bundle(new File(path.trim()).toURI().toString()).startLevel(3));
            }
        }
        return new Option[] {platform(bundles.toArray(Option[]::new))};
    }

    @Test
    public void replacingTheModelFileSwapsTheModelUnderLoadWithoutAFailedDecision() throws Exception {
        OffloadingPolicy policy = awaitMappo();
        List<Observation> probes = observations(200, 11);
        String shipped = fingerprint(policy, probes);

        List<BundleEvent> events = new CopyOnWriteArrayList<>();
        context.addBundleListener(events::add);

        Path dir = Files.createTempDirectory("mappo-itest");
        Bundle mappoBundle = bundleNamed("org.ledrl.policy.mappo");
        copy(mappoBundle.getEntry("models/mappo-paper.onnx").openStream(), dir.resolve("model.onnx"));
        copy(mappoBundle.getEntry("models/mappo-paper-card.json").openStream(), dir.resolve("model-card.json"));
        Hashtable<String, Object> config = new Hashtable<>();
        config.put("modelFile", dir.resolve("model.onnx").toString());
        config.put("checkSeconds", 1);
        configurationAdmin.getConfiguration("org.ledrl.policy.mappo", "?").update(config);

        LongAdder decisions = new LongAdder();
        List<String> faults = new CopyOnWriteArrayList<>();
        Thread load = new Thread(() -> decideInLoop(policy, faults, decisions), "itest-mappo-load");
        load.start();
        try {
            // the same model from a file: same decisions
            Waits.await("the configured copy of the shipped model in use", SWAP_MILLIS,
                    () -> fingerprint(policy, probes).equals(shipped), () -> "decisions differ");
            Path modelB = Path.of(System.getProperty("ledrl.itest.mappo.modelB"));
            // card first, then the model, each replaced atomically as an operator's deployment would
            Files.copy(modelB.resolveSibling("model-b-card.json"), dir.resolve("card.tmp"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.move(dir.resolve("card.tmp"), dir.resolve("model-card.json"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            Files.copy(modelB, dir.resolve("model.tmp"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(dir.resolve("model.tmp"), dir.resolve("model.onnx"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            Waits.await("the new model in use", SWAP_MILLIS, () -> !fingerprint(policy, probes).equals(shipped),
                    () -> "still the shipped model's decisions");
            long before = decisions.sum();
            Waits.await("decisions continuing after the swap", SWAP_MILLIS, () -> decisions.sum() > before + 1000,
                    decisions::sum);
        } finally {
            load.interrupt();
            load.join(5_000);
        }
        assertEquals("decision faults: " + faults, List.of(), faults);
        assertTrue("decisions made: " + decisions.sum(), decisions.sum() > 1000);
        assertNotEquals(shipped, fingerprint(policy, probes));
        for (BundleEvent e : events) {
            assertTrue("bundle " + e.getBundle().getSymbolicName() + " event " + e.getType(),
                    e.getType() != BundleEvent.STOPPED && e.getType() != BundleEvent.UNRESOLVED);
        }
    }

    private static void decideInLoop(OffloadingPolicy policy, List<String> faults, LongAdder decisions) {
        List<Observation> observations = observations(500, 3);
        int i = 0;
        while (!Thread.currentThread().isInterrupted()) {
            Observation o = observations.get(i++ % observations.size());
            try {
                Decision d = policy.decide(o, StrategyPrior.none(o.agent()));
                int index = o.indexOf(d.target());
                if (index < 0 || !o.candidates().get(index).available()) {
                    faults.add("decided node " + d.target() + ", not an available candidate");
                }
            } catch (RuntimeException e) {
                faults.add(e.toString());
            }
            decisions.increment();
        }
    }

    private OffloadingPolicy awaitMappo() throws Exception {
        ServiceTracker<OffloadingPolicy, OffloadingPolicy> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + OffloadingPolicy.class.getName() + ")(policy.name=mappo))"),
                null);
        tracker.open();
        OffloadingPolicy policy = tracker.waitForService(SWAP_MILLIS);
        assertTrue("no mappo policy service within " + SWAP_MILLIS + " ms", policy != null);
        return policy;
    }

    private Bundle bundleNamed(String name) {
        for (Bundle b : context.getBundles()) {
            if (name.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + name);
    }

    private static void copy(InputStream in, Path target) throws Exception {
        try (in) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The targets chosen for {@code probes}, as one string: equal strings, same model (almost surely). */
    /**
     * The decisions of a fresh run of the policy on the probes: the model in use decides them, and nothing the
     * live policy saw before (the agents' recent activity it keeps) changes them.
     */
    private static String fingerprint(OffloadingPolicy policy, List<Observation> probes) {
        OffloadingPolicy run = policy.forRun(1);
        StringBuilder s = new StringBuilder();
        for (Observation o : probes) {
            s.append(run.decide(o, StrategyPrior.none(o.agent())).target()).append(',');
        }
        return s.toString();
    }

    /** Observations at node 0 with 12 candidates of varied load, some down or cut off. */
    private static List<Observation> observations(int count, long seed) {
        Random random = new Random(seed);
        List<Observation> list = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            List<Candidate> candidates = new ArrayList<>();
            for (int node = 0; node < 12; node++) {
                Health health = node > 0 && random.nextDouble() < 0.1 ? Health.DOWN : Health.UP;
                NodeStatus status = new NodeStatus(node, health, 1 + 3 * random.nextDouble(), random.nextDouble(),
                        random.nextInt(6), random.nextDouble() * 4, 0.5, Double.NaN, Double.NaN, random.nextInt(3), 0);
                int hops = node == 0 ? 0 : 1;
                candidates.add(new Candidate(status, 0.02, hops, hops / (10 + 30 * random.nextDouble()), 0.003 * hops,
                        0.01 * hops, node == 0 || random.nextDouble() > 0.05));
            }
            list.add(new Observation(0, 0, new Task(k, 0, 0, 250 + 250 * random.nextDouble(),
                    800 + 1600 * random.nextDouble(), 4.0, "itest"), candidates, 0.9));
        }
        return list;
    }
}
