package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.Observation;
import org.ledrl.testkit.Situations;
import org.ledrl.testkit.container.LedrlPlatform;
import org.junit.jupiter.api.Test;

/** The built bundle inside the real platform (the edge installation), deciding through the decision service. */
class ShortestQueueInPlatformIT {

    @Test
    void decidesThroughTheDecisionService() {
        try (LedrlPlatform platform = LedrlPlatform.start(Path.of(System.getProperty("bundle.file")))) {
            platform.use(ShortestQueuePolicy.NAME);
            Observation o = Situations.observation(1, Situations.self(Situations.node(0, Health.UP, 3.0, 4.0)),
                    List.of(Situations.neighbour(Situations.node(1, Health.UP, 3.0, 2.0), 1, 30, true),
                            Situations.neighbour(Situations.node(2, Health.UP, 3.0, 0.5), 1, 30, true)));
            Decision decision = platform.decide(o);
            assertEquals(ShortestQueuePolicy.NAME, decision.policy());
            assertEquals(2, decision.target());
        }
    }
}
