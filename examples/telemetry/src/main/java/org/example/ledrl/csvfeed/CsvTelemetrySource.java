package org.example.ledrl.csvfeed;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.telemetry.TelemetrySnapshot;
import org.ledrl.api.telemetry.TelemetrySource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code csv-feed} telemetry source: follows a CSV file that another program appends to (format in
 * {@link CsvRecords}), reading new lines every poll on a thread of its own, so that {@link #snapshot()} never
 * waits. A status older than the staleness limit is reported unknown. A line it cannot read is counted and logged,
 * never thrown. It keeps one status per node and per link, at most {@code max.entries} of each; beyond that new
 * ids are dropped and counted.
 */
// telemetry.scope=remote: it reports other nodes, not this host (the MQTT adapter republishes local sources only)
@Component(service = TelemetrySource.class, configurationPid = CsvTelemetrySource.PID, immediate = true,
        property = "telemetry.scope=remote")
@Designate(ocd = CsvTelemetrySource.Config.class)
public final class CsvTelemetrySource implements TelemetrySource {

    static final String PID = "org.example.ledrl.csvfeed";
    private static final Logger LOG = LoggerFactory.getLogger(CsvTelemetrySource.class);

    @ObjectClassDefinition(name = "CSV feed telemetry", description = "Node and link status from a CSV file.")
    public @interface Config {
        @AttributeDefinition(name = "File", description = "The feed; relative paths are from the working directory.")
        String file() default "data/telemetry.csv";

        @AttributeDefinition(name = "Poll (ms)", description = "How often new lines are read.", min = "10")
        int poll_ms() default 1000;

        @AttributeDefinition(name = "Stale after (s)", description = "Older status is reported unknown.", min = "1")
        int stale_after_s() default 10;

        @AttributeDefinition(name = "Most entries", description = "Most nodes, and most links, kept.", min = "1")
        int max_entries() default 4096;
    }

    private final Map<Integer, NodeStatus> nodes = new ConcurrentHashMap<>();
    private final Map<Long, LinkStatus> links = new ConcurrentHashMap<>();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private Clock clock = Clock.systemUTC();
    private Path file;
    private Duration staleAfter;
    private int maxEntries;
    private long position;
    private ScheduledExecutorService poller;

    public CsvTelemetrySource() {
    }

    /** For tests: reads {@code file} when {@link #poll()} is called, on {@code clock}'s time. */
    CsvTelemetrySource(Path file, Clock clock, Duration staleAfter, int maxEntries) {
        this.file = file;
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.maxEntries = maxEntries;
    }

    @Activate
    void activate(Config config) {
        file = Path.of(config.file());
        staleAfter = Duration.ofSeconds(config.stale_after_s());
        maxEntries = config.max_entries();
        poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "csv-feed"));
        poller.scheduleWithFixedDelay(this::poll, 0, config.poll_ms(), TimeUnit.MILLISECONDS);
        LOG.info("CSV feed telemetry follows {}", file.toAbsolutePath());
    }

    @Deactivate
    void deactivate() {
        poller.shutdownNow();
    }

    @Override
    public String name() {
        return "csv-feed";
    }

    /** Lines that were not records of the feed, so far. */
    long malformed() {
        return malformed.get();
    }

    /** New nodes or links not kept because {@code max.entries} were kept already. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public TelemetrySnapshot snapshot() {
        long now = clock.millis();
        List<NodeStatus> nodeList = new ArrayList<>(nodes.size());
        for (NodeStatus n : nodes.values()) {
            nodeList.add(now - n.timestampMillis() > staleAfter.toMillis() ? n.stale() : n);
        }
        List<LinkStatus> linkList = new ArrayList<>(links.size());
        for (LinkStatus l : links.values()) {
            boolean stale = now - l.timestampMillis() > staleAfter.toMillis();
            linkList.add(stale ? new LinkStatus(l.a(), l.b(), org.ledrl.api.model.Health.UNKNOWN, l.rateMBps(),
                    l.latencyMs(), l.recentFailures(), l.timestampMillis()) : l);
        }
        return new TelemetrySnapshot(name(), nodeList, linkList, now);
    }

    /** Reads the lines appended since the last poll; a file that shrank is read again from its start. */
    synchronized void poll() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() < position) {
                position = 0;
            }
            in.seek(position);
            byte[] rest = new byte[(int) Math.min(in.length() - position, 1 << 20)];
            in.readFully(rest);
            String text = new String(rest, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                return;
            }
            position += text.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length;
            for (String line : text.substring(0, end).split("\n")) {
                accept(line.strip());
            }
        } catch (IOException e) {
            LOG.warn("CSV feed {} cannot be read: {}", file, e.getMessage());
        }
    }

    private void accept(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        String[] fields = line.split(",", -1);
        long now = clock.millis();
        try {
            switch (fields[0].trim()) {
                case "node" -> {
                    NodeStatus n = CsvRecords.node(fields, now);
                    keep(nodes, n.node(), n);
                }
                case "link" -> {
                    LinkStatus l = CsvRecords.link(fields, now);
                    keep(links, ((long) l.a() << 32) | l.b(), l);
                }
                default -> throw new CsvRecords.Malformed("a record starts with node or link, not '" + fields[0]
                        + "'");
            }
        } catch (CsvRecords.Malformed e) {
            malformed.incrementAndGet();
            LOG.warn("CSV feed {}: line ignored, {}: {}", file, e.getMessage(), line);
        }
    }

    private <K, V> void keep(Map<K, V> table, K key, V value) {
        if (table.size() >= maxEntries && !table.containsKey(key)) {
            dropped.incrementAndGet();
            return;
        }
        table.put(key, value);
    }
}
