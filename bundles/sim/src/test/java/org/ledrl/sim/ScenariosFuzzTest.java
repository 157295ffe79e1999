package org.ledrl.sim;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.ledrl.json.fuzz.Mutants;
import org.ledrl.json.fuzz.Refusals;

/** Fuzzes scenario YAML: 10,000 mutants of a shipped scenario, each read or refused with the key and the problem. */
class ScenariosFuzzTest {

    private static final List<String> SCENARIOS = List.of("""
            name: paper-10-random
            seed: 1
            slots: 100             # slots per episode
            episodes: 10
            slotSeconds: 1.0
            topology:
              type: random
              nodes: 10
              degree: 3.0
            nodes:
              cpuGHz: [1.0, 4.0]
              queueCapacity: 32
            links:
              rateMBps: [10, 40]
              latencyMs: [1, 5]
              rateChangeSlots: 10
            tasks:
              arrivalProbability: [0.3, 1.0]
              sizeKB: [250, 500]
              cyclesPerBit: [800, 2400]
              deadlineS: 4.0
              types: [video-analytics, sensor-fusion, control]
            failures:
              nodeHardwareRate: 0.01
              executionRate: 0.0
              transmissionRetries: 0
            reliabilityThreshold: 0.9
            policy:
              maxHops: 1
            reward:
              latencyWeight: 0.1
            """, """
            name: ring
            topology: {type: ring, nodes: 20}
            tasks: {sizeKB: [250, 500], deadlineS: 4}
            """);

    @Provide
    Arbitrary<String> scenarios() {
        return Mutants.of(SCENARIOS, List.of("\n  ", "\n- ", ": ", "nodes: ", "type: ", "[", "{", "|", ">", "---",
                "...", "? ", "!!binary", "&x [1]", "*x"));
    }

    @Property(tries = 10_000)
    void everyScenarioIsReadOrRefusedClearly(@ForAll @From("scenarios") String yaml) throws Exception {
        String outcome = Refusals.bounded(yaml, () -> {
            try {
                Scenarios.parse(yaml, "fuzz.yaml", List.of());
                return "read";
            } catch (ScenarioException e) {
                Refusals.assertClear(e.getMessage(), yaml);
                return "refused";
            }
        });
        Statistics.collect(outcome);
    }
}
