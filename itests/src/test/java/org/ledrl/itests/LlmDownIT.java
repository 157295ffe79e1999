package org.ledrl.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ledrl.itests.Platform.platform;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PriorConsumer;
import org.ledrl.api.runtime.DecisionService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The LLM is off the decision path: with the prior board asking an Ollama server that never answers, and then
 * one that is gone, decisions of a prior-consuming policy through the decision service go on at full speed, every
 * one valid, and the heuristic fallback prior reaches the policy.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LlmDownIT {

    /** Far more than a decision path that waited on the LLM could make (a waiting one makes none). */
    private static final int DECISIONS = 20_000;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private HttpServer ollama;
    private final AtomicInteger chatRequests = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    @Configuration
    public Option[] configuration() {
        List<Option> bundles = new ArrayList<>();
        for (String property : List.of("ledrl.itest.sim", "ledrl.itest.priors")) {
            for (String path : System.getProperty(property, "").split(",")) {
                if (!path.isBlank()) {
                    bundles.add(bundle(new File(path.trim()).toURI().toString()).startLevel(3));
                }
            }
        }
        return new Option[] {platform(bundles.toArray(Option[]::new))};
    }

    /** An Ollama that knows the model but holds every chat request until the test ends. */
    @Before
    public void startHangingOllama() throws IOException {
        ollama = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ollama.setExecutor(Executors.newCachedThreadPool());
        ollama.createContext("/api/tags", exchange -> answer(exchange, 200,
                "{\"models\":[{\"name\":\"qwen3:4b\",\"model\":\"qwen3:4b\"}]}"));
        ollama.createContext("/api/chat", exchange -> {
            chatRequests.incrementAndGet();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        ollama.start();
    }

    @After
    public void stopOllama() {
        release.countDown();
        ollama.stop(0);
    }

    @Test
    public void decisionsGoOnAtFullSpeedWhileTheLlmHangsAndWhenItIsGone() throws Exception {
        configure("org.ledrl.prior.ollama", "base.url", "http://127.0.0.1:" + ollama.getAddress().getPort(),
                "timeout.seconds", 30);
        // the board waits longer than the server hangs: the pending request ends when the server goes away, and
        // the provider's fallback (the heuristic prior) reaches the board
        configure("org.ledrl.prior.board", "provider", "ollama", "refresh.every.slots", 1,
                "request.timeout.seconds", 120, "max.in.flight", 1);
        DecisionService decisions = await(DecisionService.class);
        // a policy that consumes priors (the decision service asks the board only for such a policy), ranked above
        // the local policy; it keeps tasks local and remembers the last prior it was given
        PriorReader reader = new PriorReader();
        Hashtable<String, Object> ranking = new Hashtable<>();
        ranking.put("policy.name", PriorReader.NAME);
        ranking.put(Constants.SERVICE_RANKING, 100);
        ServiceRegistration<OffloadingPolicy> registration =
                context.registerService(OffloadingPolicy.class, reader, ranking);

        try (DecisionDriver driver = new DecisionDriver(decisions)) {
            driver.awaitPolicy(PriorReader.NAME, 10_000);
            Waits.await("the board asks the Ollama server", 20_000, () -> chatRequests.get() > 0,
                    chatRequests::get);
            long before = driver.decisions();
            Waits.await(DECISIONS + " decisions while the LLM hangs", 10_000,
                    () -> driver.decisions() - before >= DECISIONS, () -> driver.decisions() - before);
            assertEquals("every decision valid while the LLM hangs", List.of(), driver.faults());

            // the server goes away: requests now fail at once (connection refused)
            ollama.stop(0);
            release.countDown();
            long gone = driver.decisions();
            Waits.await(DECISIONS + " decisions with the LLM gone", 10_000,
                    () -> driver.decisions() - gone >= DECISIONS, () -> driver.decisions() - gone);
            Waits.await("the heuristic fallback prior reaches the policy", 20_000,
                    () -> "heuristic".equals(reader.last.model()), () -> reader.last);
            assertEquals("every decision valid with the LLM gone", List.of(), driver.faults());
            assertTrue(driver.decisions() > 2L * DECISIONS);
        } finally {
            registration.unregister();
        }
    }

    /** Keeps every task local and remembers the last prior the decision service gave it. */
    private static final class PriorReader implements PriorConsumer {
        static final String NAME = "prior-reader";
        volatile StrategyPrior last = StrategyPrior.none(0);

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public PriorNeeds priorNeeds() {
            return new PriorNeeds(Source.LLM, false, false);
        }

        @Override
        public Decision decide(Observation observation, StrategyPrior prior) {
            last = prior;
            return Decision.of(observation.agent(), NAME);
        }
    }

    private void configure(String pid, Object... keysAndValues) throws IOException {
        Hashtable<String, Object> properties = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        configurationAdmin.getConfiguration(pid, "?").update(properties);
    }

    private <T> T await(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(20_000);
        if (service == null) {
            throw new AssertionError("no " + type.getSimpleName() + " within 20 s");
        }
        return service;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
