package org.ledrl.emulate.internal.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's record of a run, one JSON object a line, appended and flushed line by line so that a
 * gateway killed with SIGKILL leaves every line it wrote: {@code up} (this incarnation started), {@code task}
 * (a task arrived and was decided), {@code end} (its one outcome), {@code seen} (a neighbour's health as this
 * gateway's network shows it changed). The emulate command reads the journals of every gateway. Its size
 * grows with the run's tasks: a line or two per task, the run's length bounds it.
 */
final class Journal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter writer;
    private long failedWrites;

    Journal(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** A line of {@code event} with the given fields (name, value pairs), stamped {@code at} now. */
    synchronized void write(String event, Object... fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("e", event);
        line.put("at", System.currentTimeMillis());
        for (int i = 0; i + 1 < fields.length; i += 2) {
            line.put(String.valueOf(fields[i]), fields[i + 1]);
        }
        try {
            writer.write(JSON.writeValueAsString(line));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            if (failedWrites++ == 0) {
                LOG.error("Emulated gateway: cannot write its journal: {}", e.toString());
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            LOG.debug("Emulated gateway: closing the journal failed: {}", e.toString());
        }
    }
}
