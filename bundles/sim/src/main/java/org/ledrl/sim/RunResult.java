package org.ledrl.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.ledrl.metrics.HistogramBin;
import org.ledrl.metrics.NodeLoad;
import org.ledrl.metrics.Summary;

/**
 * What one run of one policy on one scenario and seed produced: the total, one summary per episode
 * (the curve), the load per node and the latency distribution. Serialises to and from JSON
 * ({@link #write(Path)}, {@link #read(Path)}); {@code results.json} of the simulate command is this.
 *
 * @param scenario   the scenario as run (its seed is the run's seed)
 * @param policy     the policy's name
 * @param seed       the run's seed
 * @param nodes      nodes in the network
 * @param total      the whole run
 * @param episodes   one summary per episode, in order
 * @param nodeLoads  tasks executed and failures per node
 * @param latencyHistogram task latency distribution, seconds
 */
public record RunResult(Scenario scenario, String policy, long seed, int nodes, Summary total,
                        List<Summary> episodes, List<NodeLoad> nodeLoads, List<HistogramBin> latencyHistogram) {

    public RunResult {
        episodes = List.copyOf(episodes);
        nodeLoads = List.copyOf(nodeLoads);
        latencyHistogram = List.copyOf(latencyHistogram);
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Writes this as JSON, atomically: a reader never sees half a file, and a failed write leaves the old one. */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            mapper().writeValue(temp.toFile(), this);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public static RunResult read(Path file) throws IOException {
        return mapper().readValue(file.toFile(), RunResult.class);
    }
}
