package org.ledrl.emulate.internal.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ledrl.emulate.internal.host.Broker;
import org.ledrl.emulate.internal.host.GatewayProcess;
import org.ledrl.emulate.internal.fault.FaultSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway processes and the broker of a run, and the faults done to them on schedule. Remembers when
 * each fault really happened ({@link Happened}), for the figures. {@link #close()} stops everything it started.
 */
final class Fleet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

    /**
     * A fault as it happened, epoch ms.
     *
     * @param spec  the fault
     * @param start when it was done
     * @param end   when it was undone (restart, continue, broker back); -1 if never
     */
    record Happened(FaultSpec spec, long start, long end) {
    }

    private final List<GatewayProcess> gateways;
    private final Broker broker;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ledrl-emulate-faults");
        thread.setDaemon(true);
        return thread;
    });
    /** By fault: when it was done, and undone once it is (a fault still on at the end has no end). */
    private final Map<FaultSpec, Happened> happened = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Thread hook = new Thread(this::killNow, "ledrl-emulate-stop");
    private final Runnable brokerBack;

    /** @param brokerBack what to do once a restarted broker is back (it forgot the retained start message) */
    Fleet(List<GatewayProcess> gateways, Broker broker, Runnable brokerBack) {
        this.gateways = List.copyOf(gateways);
        this.broker = broker;
        this.brokerBack = brokerBack;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    List<GatewayProcess> gateways() {
        return gateways;
    }

    void startAll() throws IOException {
        for (GatewayProcess gateway : gateways) {
            gateway.start();
        }
    }

    /** Schedules every fault, times relative to {@code startEpochMillis}. */
    void schedule(List<FaultSpec> faults, long startEpochMillis) {
        for (FaultSpec fault : faults) {
            long delay = Math.max(0, startEpochMillis + fault.atMillis() - System.currentTimeMillis());
            scheduler.schedule(() -> begin(fault, startEpochMillis), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void begin(FaultSpec fault, long startEpochMillis) {
        long now = System.currentTimeMillis();
        try {
            switch (fault.kind()) {
                case KILL -> gateways.get(fault.node()).kill();
                case PAUSE -> gateways.get(fault.node()).pause();
                case BROKER -> broker.stop();
                default -> {
                    // cuts are applied by the gateways themselves, on the same clock
                }
            }
            LOG.info("Fault {} done", fault.text());
        } catch (IOException | InterruptedException e) {
            LOG.warn("Fault {} could not be done: {}", fault.text(), e.toString());
        }
        happened.put(fault, new Happened(fault, now, -1));
        if (!fault.restarts()) {
            return;
        }
        long delay = Math.max(0, startEpochMillis + fault.endMillis() - System.currentTimeMillis());
        scheduler.schedule(() -> end(fault, now), delay, TimeUnit.MILLISECONDS);
    }

    private void end(FaultSpec fault, long started) {
        try {
            switch (fault.kind()) {
                case KILL -> gateways.get(fault.node()).start();
                case PAUSE -> gateways.get(fault.node()).resume();
                case BROKER -> {
                    broker.start();
                    brokerBack.run();
                }
                default -> {
                    // a cut ends by itself
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOG.warn("Ending fault {} failed: {}", fault.text(), e.toString());
        }
        happened.put(fault, new Happened(fault, started, System.currentTimeMillis()));
    }

    List<Happened> happened() {
        synchronized (happened) {
            return List.copyOf(happened.values());
        }
    }

    /** Stops the fault schedule, then every gateway (SIGTERM, SIGKILL after 15 s), then the broker if it is ours. */
    @Override
    public void close() throws IOException, InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        List<Thread> stops = new ArrayList<>();
        for (GatewayProcess gateway : gateways) {
            Thread stop = new Thread(() -> {
                try {
                    gateway.stop(15);
                } catch (IOException | InterruptedException e) {
                    gateway.killNow();
                }
            });
            stop.start();
            stops.add(stop);
        }
        for (Thread stop : stops) {
            stop.join();
        }
        broker.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs
        }
    }

    /** The shutdown hook: everything dies now. */
    private void killNow() {
        scheduler.shutdownNow();
        for (GatewayProcess gateway : gateways) {
            gateway.killNow();
        }
        try {
            broker.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
