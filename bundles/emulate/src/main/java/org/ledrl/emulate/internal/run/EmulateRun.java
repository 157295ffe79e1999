package org.ledrl.emulate.internal.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ledrl.emulate.internal.host.Broker;
import org.ledrl.emulate.internal.host.GatewayProcess;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.ledrl.api.model.Topology;
import org.ledrl.emulate.internal.fault.FaultPlan;

/**
 * One emulation, from start to end: the gateway folders, the processes, waiting until every gateway sees its
 * neighbours up, the start message, the faults on schedule, the end (the last tasks' deadlines plus a grace),
 * and stopping everything, whatever happens.
 */
final class EmulateRun {

    /** The longest wait for every gateway to be up and to see its neighbours. */
    static final long READY_TIMEOUT_MILLIS = 180_000;
    /** After the last slot: the longest deadline, the origin's grace, and a margin. */
    private static final long END_GRACE_MILLIS = 2_500;

    private EmulateRun() {
    }

    /** What a run leaves: each gateway's journal, and the faults as they happened. */
    record Ran(Map<Integer, Path> journals, List<Fleet.Happened> faults) {
    }

    static Ran run(GatewayHome.Run settings, FaultPlan plan, Broker broker, Path out, long durationMillis,
                                  PrintStream console) throws IOException, InterruptedException, MqttException {
        Topology topology = settings.topology();
        List<GatewayProcess> processes = new ArrayList<>();
        Map<Integer, Path> journals = new LinkedHashMap<>();
        for (int node = 0; node < topology.size(); node++) {
            Path home = GatewayHome.create(out.resolve("gateways").resolve(Integer.toString(node)), node, settings);
            processes.add(new GatewayProcess(node, home));
            journals.put(node, home.resolve("journal.jsonl"));
        }
        List<Fleet.Happened> happened;
        AtomicLong startAt = new AtomicLong();
        Runnable republish = () -> {
            try {
                publishStart(settings, startAt.get());
            } catch (MqttException e) {
                throw new IllegalStateException("cannot publish the start again: " + e.getMessage(), e);
            }
        };
        try (Fleet fleet = new Fleet(processes, broker, republish)) {
            fleet.startAll();
            console.printf("started %d gateways (pids %s); waiting until each sees its neighbours%n", processes.size(),
                    processes.stream().map(p -> Long.toString(p.pid())).toList());
            awaitReady(fleet, journals, topology);
            long start = System.currentTimeMillis() + 500;
            startAt.set(start);
            publishStart(settings, start);
            fleet.schedule(plan.faults(), start);
            console.printf("running for %.0f s%s%n", durationMillis / 1000.0,
                    plan.faults().isEmpty() ? "" : " with " + plan.faults().size() + " faults");
            long deadlineMillis = Math.round(settings.scenario().tasks().maxDeadlineS() * 1000 / settings.speed());
            long end = start + durationMillis + deadlineMillis + END_GRACE_MILLIS;
            while (System.currentTimeMillis() < end) {
                Thread.sleep(Math.min(1000, Math.max(1, end - System.currentTimeMillis())));
            }
            fleet.close();
            happened = fleet.happened();
        } finally {
            clearStart(settings);
        }
        return new Ran(journals, happened);
    }

    private static void awaitReady(Fleet fleet, Map<Integer, Path> journals, Topology topology)
            throws IOException, InterruptedException {
        long until = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
        while (true) {
            Journals read = Journals.read(journals);
            List<Integer> waiting = new ArrayList<>();
            for (int node = 0; node < topology.size(); node++) {
                if (!ready(read, node, topology)) {
                    waiting.add(node);
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            for (GatewayProcess gateway : fleet.gateways()) {
                if (!gateway.alive()) {
                    throw new IOException("gateway " + gateway.node() + " stopped while starting; see "
                            + gateway.home().resolve("gateway.log"));
                }
            }
            if (System.currentTimeMillis() > until) {
                throw new IOException("gateways " + waiting + " did not see their neighbours up within "
                        + READY_TIMEOUT_MILLIS / 1000 + " s; see gateway.log in their folders");
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    /** Up, deciding with the run's policy, and every neighbour seen up. */
    private static boolean ready(Journals read, int node, Topology topology) {
        if (read.readies.getOrDefault(node, List.of()).isEmpty()) {
            return false;
        }
        for (Topology.LinkSpec link : topology.links()) {
            if (link.a() == node || link.b() == node) {
                int neighbour = link.a() == node ? link.b() : link.a();
                Journals.Seen last = null;
                for (Journals.Seen seen : read.seen) {
                    if (seen.by() == node && seen.node() == neighbour) {
                        last = seen;
                    }
                }
                if (last == null || !last.health().equals("UP")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void publishStart(GatewayHome.Run settings, long start) throws MqttException {
        publishRetained(settings, Long.toString(start).getBytes(StandardCharsets.UTF_8));
    }

    /** Removes the retained start message, so that the broker keeps nothing of the run. */
    private static void clearStart(GatewayHome.Run settings) {
        try {
            publishRetained(settings, new byte[0]);
        } catch (MqttException e) {
            // the broker is gone (ours is stopped by now): nothing is retained then
        }
    }

    private static void publishRetained(GatewayHome.Run settings, byte[] payload) throws MqttException {
        MqttClient client = new MqttClient(settings.brokerUrl(), "ledrl-emulate-" + ProcessHandle.current().pid(),
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        try {
            client.connect(options);
            client.publish(settings.prefix() + "/start", payload, 1, true);
            client.disconnect(1000);
        } finally {
            client.close(true);
        }
    }
}
