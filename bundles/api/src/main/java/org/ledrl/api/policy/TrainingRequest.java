package org.ledrl.api.policy;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.LongFunction;
import org.ledrl.api.env.EdgeEnvironment;

/**
 * What to train on and where to write the result.
 *
 * @param environments makes a fresh environment per worker, given a seed
 * @param scenario     the scenario's name, recorded in the model card
 * @param episodes     episodes to train
 * @param seed         master seed
 * @param outputDir    where checkpoints, curves and the model go
 * @param options      algorithm-specific settings
 */
public record TrainingRequest(LongFunction<EdgeEnvironment> environments, String scenario, int episodes, long seed,
                              Path outputDir, Map<String, String> options) {

    public TrainingRequest {
        options = Map.copyOf(options);
    }
}
