package org.ledrl.train.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.api.command.Arguments;
import org.ledrl.sim.Scenario;

class ScenarioVariationTest {

    @Test
    void eachEpisodeDrawsAValueFromItsSeedAndAllValuesOccur(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "name: s\nslots: 10\ntopology: { nodes: 5 }\n");
        ScenarioVariation variation = ScenarioVariation.of(file, List.of("failures.executionRate=0.1"),
                List.of("failures.transmissionRate=0,0.1,0.25"));
        Map<Double, Integer> counts = new HashMap<>();
        for (long seed = 1; seed <= 300; seed++) {
            Scenario drawn = variation.apply(seed);
            assertEquals(0.1, drawn.failures().executionRate(), "fixed overrides stay");
            assertEquals(drawn.failures().transmissionRate(), variation.apply(seed).failures().transmissionRate(),
                    "the same seed, the same draw");
            counts.merge(drawn.failures().transmissionRate(), 1, Integer::sum);
        }
        assertEquals(3, counts.size(), counts.toString());
        counts.values().forEach(n -> assertTrue(n > 60, "each value about a third of the episodes: " + counts));
        assertEquals(0.0, variation.base().failures().transmissionRate());
        assertEquals("failures.transmissionRate=0,0.1,0.25", variation.describe());
    }

    @Test
    void aKeyGivenTwiceWithoutValuesOrAlsoFixedIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "name: s\nslots: 10\n");
        Arguments.UsageException twice = assertThrows(Arguments.UsageException.class, () -> ScenarioVariation.of(file,
                List.of(), List.of("failures.linkRate=0,0.1", "failures.linkRate=0.2")));
        assertTrue(twice.getMessage().contains("failures.linkRate is given twice"), twice.getMessage());
        assertThrows(Arguments.UsageException.class, () -> ScenarioVariation.of(file, List.of(),
                List.of("failures.linkRate=0,,0.1")));
        // a key fixed by --set and varied by --vary: which one the user meant is not ours to guess
        Arguments.UsageException both = assertThrows(Arguments.UsageException.class, () -> ScenarioVariation.of(file,
                List.of("failures.linkRate=0.05"), List.of("failures.linkRate=0,0.1")));
        assertTrue(both.getMessage().contains("failures.linkRate is given by both --set and --vary"),
                both.getMessage());
        // other keys fixed beside it are fine
        ScenarioVariation.of(file, List.of("slots=20"), List.of("failures.linkRate=0,0.1"));
    }
}
