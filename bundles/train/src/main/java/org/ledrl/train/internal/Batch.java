package org.ledrl.train.internal;

import java.util.List;
import org.ledrl.ml.RolloutBatch;

/**
 * One PPO batch from the episodes of an update: the rollouts' decisions with their advantages and returns, the
 * returns normalised for the critic when value normalisation is on (its statistics first take in these returns), and
 * the explained variance of the critic's values before the update, {@code 1 - Var(return - value) / Var(return)}.
 */
record Batch(RolloutBatch ppo, double explainedVariance) {

    static Batch of(List<Rollout> rollouts, TrainingOptions.Credit credit, ValueNormaliser values, int observationSize,
                    int maxNodes, int criticSize) {
        int size = rollouts.stream().mapToInt(Rollout::decisions).sum();
        float[] advantages = new float[size];
        float[] returns = new float[size];
        float[] observations = new float[size * observationSize];
        float[] masks = new float[size * maxNodes];
        float[] critic = new float[size * criticSize];
        int[] actions = new int[size];
        float[] logProbs = new float[size];
        float[] rawValues = new float[size];
        int at = 0;
        for (Rollout rollout : rollouts) {
            rollout.credit(credit, advantages, returns, at);
            for (Rollout.Step step : rollout.steps()) {
                System.arraycopy(step.observation, 0, observations, at * observationSize, observationSize);
                System.arraycopy(step.mask, 0, masks, at * maxNodes, maxNodes);
                System.arraycopy(step.critic, 0, critic, at * criticSize, criticSize);
                actions[at] = step.action;
                logProbs[at] = step.logProb;
                rawValues[at] = step.value;
                at++;
            }
        }
        double explained = explainedVariance(rawValues, returns);
        values.update(returns);
        RolloutBatch batch = new RolloutBatch(size, observations, masks, critic, actions, logProbs, advantages,
                values.normalise(returns));
        return new Batch(batch, explained);
    }

    static double explainedVariance(float[] predicted, float[] actual) {
        int n = actual.length;
        if (n < 2) {
            return Double.NaN;
        }
        double meanActual = 0;
        double meanError = 0;
        for (int i = 0; i < n; i++) {
            meanActual += actual[i];
            meanError += actual[i] - predicted[i];
        }
        meanActual /= n;
        meanError /= n;
        double varActual = 0;
        double varError = 0;
        for (int i = 0; i < n; i++) {
            varActual += (actual[i] - meanActual) * (actual[i] - meanActual);
            double e = actual[i] - predicted[i] - meanError;
            varError += e * e;
        }
        return varActual == 0 ? Double.NaN : 1 - varError / varActual;
    }
}
