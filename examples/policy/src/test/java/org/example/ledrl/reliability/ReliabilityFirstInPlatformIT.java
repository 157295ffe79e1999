package org.example.ledrl.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.Observation;
import org.ledrl.testkit.Situations;
import org.ledrl.testkit.container.LedrlPlatform;
import org.junit.jupiter.api.Test;

/** The built bundle inside the real platform: registered, listed, chosen, deciding through the decision service. */
class ReliabilityFirstInPlatformIT {

    @Test
    void decidesThroughTheDecisionService() {
        try (LedrlPlatform platform = LedrlPlatform.start(Path.of(System.getProperty("bundle.file")))) {
            platform.use("reliability-first");
            assertTrue(platform.run("policies").out().contains("reliability-first"));
            Candidate fragile = new Candidate(Situations.node(1, Health.UP, 4.0, 0.0), 0.2, 1, 1 / 30.0, 0.002,
                    0.001, true);
            Candidate steady = new Candidate(Situations.node(2, Health.UP, 2.5, 0.3), 0.001, 1, 1 / 30.0, 0.002,
                    0.001, true);
            Observation o = Situations.observation(7, Situations.self(Situations.node(0, Health.UP, 3.0, 3.0)),
                    List.of(fragile, steady));
            Decision decision = platform.decide(o);
            assertEquals("reliability-first", decision.policy());
            assertEquals(2, decision.target());
        }
    }
}
