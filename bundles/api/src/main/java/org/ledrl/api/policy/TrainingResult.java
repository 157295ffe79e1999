package org.ledrl.api.policy;

import java.nio.file.Path;

/** What a training run produced: the model file and how well the policy did at the end. */
public record TrainingResult(Path model, int episodes, double finalSuccessRate) {
}
