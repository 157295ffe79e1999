package org.ledrl.telemetry.tegrastats.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telemetry of an NVIDIA Jetson from {@code tegrastats}: RAM, CPU cores with their frequency, GPU
 * load and temperatures (power rails are parsed too, for logs; a node status has no field for
 * them). It either runs the tool and reads its output, restarting it with back-off when it exits,
 * or follows a file or named pipe that the tool writes. It reports one node, {@code nodeId}; the
 * queue is not something tegrastats knows (queue length 0, queue wait NaN).
 *
 * <p>Needs a configuration (the tool exists only on Jetsons). Lines that are truncated or garbage
 * are counted and logged once per kind; the last good status then ages into
 * {@link Health#UNKNOWN} after {@code staleAfterMillis}.
 */
@Component(service = TelemetrySource.class, configurationPid = TegrastatsTelemetry.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TegrastatsTelemetry.Config.class)
@TelemetryScope(TelemetryScope.LOCAL)
public final class TegrastatsTelemetry implements TelemetrySource {

    static final String PID = "org.ledrl.telemetry.tegrastats";
    private static final Logger LOG = LoggerFactory.getLogger(TegrastatsTelemetry.class);

    /** Where lines come from. */
    public enum Input {
        COMMAND, FILE
    }

    @ObjectClassDefinition(name = "LeDRL tegrastats telemetry",
            description = "Status of this NVIDIA Jetson (RAM, CPU, GPU, temperatures) from the tegrastats tool.")
    public @interface Config {

        @AttributeDefinition(name = "Source name", description = "Name of this telemetry source in snapshots and logs.")
        String name() default "tegrastats";

        @AttributeDefinition(name = "Node id", description = "Id of this Jetson in the edge network's topology.", min = "0")
        int nodeId() default 0;

        @AttributeDefinition(name = "Input", description = "Run the tool, or follow a file or named pipe it writes.",
                options = {@Option(label = "Run the command", value = "COMMAND"),
                    @Option(label = "Follow a file or pipe", value = "FILE")})
        Input input() default Input.COMMAND;

        @AttributeDefinition(name = "Command", description = "The command line to run (split at spaces) when input is COMMAND.")
        String command() default "tegrastats --interval 1000";

        @AttributeDefinition(name = "File", description = "The file or named pipe to follow when input is FILE.")
        String file() default "";

        @AttributeDefinition(name = "Stale after (ms)",
                description = "Status older than this is reported unknown, never healthy.", min = "1")
        long staleAfterMillis() default 5000;

        @AttributeDefinition(name = "CPU GHz",
                description = "CPU frequency tasks get; 0 takes the fastest core's current frequency from each line.",
                min = "0")
        double cpuGHz() default 0;

        @AttributeDefinition(name = "Restart delay (ms)",
                description = "First wait before running the command (or opening the file) again; doubles on each failure.",
                min = "1")
        long restartDelayMillis() default 1000;

        @AttributeDefinition(name = "Longest restart delay (ms)", description = "The back-off stops growing here.", min = "1")
        long maxRestartDelayMillis() default 30000;

        @AttributeDefinition(name = "File poll (ms)", description = "How often a followed file is checked for new lines.",
                min = "1")
        long pollMillis() default 200;
    }

    private final String name;
    private final int nodeId;
    private final double cpuGHz;
    private final StatusBoard board;
    private final RejectLog rejects;
    private final LongSupplier clock;
    private final LineFeed feed;
    private final long restartDelayMillis;
    private final long maxRestartDelayMillis;
    private final Thread reader;
    private volatile boolean running = true;

    @Activate
    public TegrastatsTelemetry(Config config) {
        this(config, System::currentTimeMillis);
        reader.start();
    }

    /** Without starting the reader: tests feed lines through {@link #accept}. */
    TegrastatsTelemetry(Config config, LongSupplier clock) {
        requirePositive("staleAfterMillis", config.staleAfterMillis());
        requirePositive("restartDelayMillis", config.restartDelayMillis());
        requirePositive("maxRestartDelayMillis", config.maxRestartDelayMillis());
        requirePositive("pollMillis", config.pollMillis());
        this.name = config.name();
        this.nodeId = config.nodeId();
        this.cpuGHz = config.cpuGHz();
        this.board = new StatusBoard(name, config.staleAfterMillis(), clock);
        this.rejects = new RejectLog(name);
        this.clock = clock;
        this.feed = feed(config);
        this.restartDelayMillis = config.restartDelayMillis();
        this.maxRestartDelayMillis = Math.max(config.restartDelayMillis(), config.maxRestartDelayMillis());
        this.reader = new Thread(this::readForever, "ledrl-telemetry-" + name);
        this.reader.setDaemon(true);
    }

    private static LineFeed feed(Config config) {
        if (config.input() == Input.FILE) {
            if (config.file().isBlank()) {
                throw new IllegalArgumentException("Configuration " + PID + ": input FILE needs the file to follow");
            }
            return new FileFeed(Path.of(config.file()), config.pollMillis());
        }
        List<String> command = Arrays.stream(config.command().trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        if (command.isEmpty()) {
            throw new IllegalArgumentException("Configuration " + PID + ": input COMMAND needs a command");
        }
        return new CommandFeed(command);
    }

    @Deactivate
    void deactivate() {
        running = false;
        feed.stop();
        reader.interrupt();
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

    /** Takes one line: a good one updates the node, a bad one is counted. Never throws. */
    void accept(String line) {
        if (line.isBlank()) {
            return;
        }
        try {
            JetsonSample sample = TegrastatsParser.parse(line);
            double ghz = cpuGHz > 0 ? cpuGHz : sample.fastestCoreGHz();
            board.put(new NodeStatus(nodeId, Health.UP, ghz, sample.cpuLoad(), 0, Double.NaN, sample.memoryLoad(),
                    sample.gpuLoad(), sample.hottestC(), 0, clock.getAsLong()));
            LOG.trace("{}: {} (power mW {})", name, sample, sample.powerMilliwatts());
        } catch (MalformedTelemetryException e) {
            rejects.reject(e);
        }
    }

    /** Pumps the feed again and again, waiting longer after each run that delivered nothing. */
    private void readForever() {
        long delay = restartDelayMillis;
        boolean failing = false;
        while (running) {
            try {
                long delivered = feed.pump(this::accept);
                if (delivered > 0) {
                    delay = restartDelayMillis;
                }
                if (running) {
                    LOG.info("Telemetry source '{}': {} ended after {} lines; again in {} ms", name, feed.describe(),
                            delivered, delay);
                }
                failing = false;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // A missing tool or file is a configuration problem: say it once, then keep trying quietly.
                if (!failing) {
                    LOG.warn("Telemetry source '{}' cannot read {}: {}; retrying with back-off up to {} ms (configuration {})",
                            name, feed.describe(), e.toString(), maxRestartDelayMillis, PID);
                }
                failing = true;
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            delay = Math.min(delay * 2, maxRestartDelayMillis);
        }
    }

    private static void requirePositive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("Configuration " + PID + ": " + key + " must be positive, was " + value);
        }
    }
}
