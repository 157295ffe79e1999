package org.ledrl.telemetry.proc.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.telemetry.TelemetrySnapshot;
import org.ledrl.api.telemetry.TelemetrySource;
import org.ledrl.telemetry.MalformedTelemetryException;
import org.ledrl.telemetry.RejectLog;
import org.ledrl.telemetry.StatusBoard;
import org.ledrl.telemetry.TelemetryScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telemetry of the Linux host this runs on, sampled from {@code /proc} and {@code /sys} every
 * {@code samplePeriodMillis}: CPU load (from the {@code /proc/stat} counters between two samples),
 * run queue ({@code /proc/loadavg}), memory in use ({@code /proc/meminfo}) and the hottest thermal
 * zone. It reports one node, {@code nodeId}. What the host cannot tell is NaN: the queue wait in
 * seconds (the decision runtime knows its own task queue), the GPU load, and the CPU load until the
 * second sample. A sample that cannot be read is counted, logged once per kind, and skipped; the
 * last good status then ages into {@link Health#UNKNOWN} after {@code staleAfterMillis}.
 */
@Component(service = TelemetrySource.class, configurationPid = ProcTelemetry.PID)
@Designate(ocd = ProcTelemetry.Config.class)
@TelemetryScope(TelemetryScope.LOCAL)
public final class ProcTelemetry implements TelemetrySource {

    static final String PID = "org.ledrl.telemetry.proc";
    private static final Logger LOG = LoggerFactory.getLogger(ProcTelemetry.class);

    @ObjectClassDefinition(name = "LeDRL proc telemetry",
            description = "Status of this Linux host (CPU load, run queue, memory, temperature) from /proc and /sys.")
    public @interface Config {

        @AttributeDefinition(name = "Source name", description = "Name of this telemetry source in snapshots and logs.")
        String name() default "proc";

        @AttributeDefinition(name = "Node id", description = "Id of this host in the edge network's topology.", min = "0")
        int nodeId() default 0;

        @AttributeDefinition(name = "Sample period (ms)", description = "How often /proc and /sys are read.", min = "50")
        long samplePeriodMillis() default 1000;

        @AttributeDefinition(name = "Stale after (ms)",
                description = "Status older than this is reported unknown, never healthy.", min = "1")
        long staleAfterMillis() default 5000;

        @AttributeDefinition(name = "CPU GHz",
                description = "CPU frequency tasks get; 0 reads the highest core's maximum from /sys (or /proc/cpuinfo).",
                min = "0")
        double cpuGHz() default 0;

        @AttributeDefinition(name = "proc root", description = "Where the proc file system is mounted.")
        String procRoot() default "/proc";

        @AttributeDefinition(name = "sys root", description = "Where the sys file system is mounted.")
        String sysRoot() default "/sys";
    }

    private final String name;
    private final int nodeId;
    private final HostReader reader;
    private final StatusBoard board;
    private final RejectLog rejects;
    private final LongSupplier clock;
    private final double cpuGHz;
    private final ScheduledExecutorService sampler;
    private CpuTimes previousCpu; // touched by the sampling thread only

    @Activate
    public ProcTelemetry(Config config) {
        this(config, System::currentTimeMillis);
        sampler.scheduleAtFixedRate(this::sample, 0, config.samplePeriodMillis(), TimeUnit.MILLISECONDS);
    }

    /** Without a sampling thread: tests call {@link #sample()} themselves. */
    ProcTelemetry(Config config, LongSupplier clock) {
        requirePositive("samplePeriodMillis", config.samplePeriodMillis());
        requirePositive("staleAfterMillis", config.staleAfterMillis());
        this.name = config.name();
        this.nodeId = config.nodeId();
        this.reader = new HostReader(Path.of(config.procRoot()), Path.of(config.sysRoot()));
        this.board = new StatusBoard(name, config.staleAfterMillis(), clock);
        this.rejects = new RejectLog(name);
        this.clock = clock;
        this.cpuGHz = config.cpuGHz() > 0 ? config.cpuGHz() : detectCpuGHz();
        this.sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ledrl-telemetry-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Deactivate
    void deactivate() {
        sampler.shutdownNow();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TelemetrySnapshot snapshot() {
        return board.snapshot();
    }

    RejectLog rejects() {
        return rejects;
    }

    /** Reads the host once and puts the result on the board; never throws. */
    void sample() {
        try {
            HostSample sample = reader.read();
            double cpuLoad = previousCpu == null ? Double.NaN : sample.cpu().loadSince(previousCpu);
            previousCpu = sample.cpu();
            board.put(new NodeStatus(nodeId, Health.UP, cpuGHz, cpuLoad, sample.runQueue(), Double.NaN,
                    sample.memoryLoad(), Double.NaN, sample.temperatureC(), 0, clock.getAsLong()));
        } catch (MalformedTelemetryException e) {
            rejects.reject(e);
        } catch (IOException e) {
            rejects.reject("unreadable file", "cannot read " + e.getMessage() + " (" + e.getClass().getSimpleName() + ")");
        } catch (RuntimeException e) {
            // Never let one bad sample kill the scheduled task: it would stop sampling for good.
            rejects.reject("unexpected error", String.valueOf(e));
        }
    }

    private static void requirePositive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("Configuration " + PID + ": " + key + " must be positive, was " + value);
        }
    }

    private double detectCpuGHz() {
        try {
            return reader.maxCpuGHz();
        } catch (IOException | MalformedTelemetryException e) {
            LOG.warn("Telemetry source '{}' cannot tell the CPU frequency ({}); set cpuGHz in configuration {}",
                    name, e.getMessage(), PID);
            return Double.NaN;
        }
    }
}
