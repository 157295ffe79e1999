package org.ledrl.train.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ledrl.api.model.Outcome;
import org.ledrl.ml.RolloutBatch;

/**
 * The decisions of one episode with what each led to, turned into a PPO batch with GAE. Each agent (node) has its
 * own trajectory: its decisions in time order, each rewarded with its task's outcome; the centralised critic's
 * value of the next decision of the same agent bootstraps the advantage (0 after its last one).
 */
final class Rollout {

    private final int observationSize;
    private final int maxNodes;
    private final int criticSize;
    private final List<Step> steps = new ArrayList<>();
    private final Map<Long, Step> byTask = new HashMap<>();
    private int successes;
    private int outcomes;
    private double rewardSum;

    /** One decision: inputs, the sampled action and its log-probability, the critic's value, the reward. */
    private static final class Step {
        final int agent;
        final float[] observation;
        final float[] mask;
        final float[] critic;
        final int action;
        final float logProb;
        final float value;
        float reward;
        boolean ended;

        Step(int agent, float[] observation, float[] mask, float[] critic, int action, float logProb, float value) {
            this.agent = agent;
            this.observation = observation;
            this.mask = mask;
            this.critic = critic;
            this.action = action;
            this.logProb = logProb;
            this.value = value;
        }
    }

    Rollout(int observationSize, int maxNodes, int criticSize) {
        this.observationSize = observationSize;
        this.maxNodes = maxNodes;
        this.criticSize = criticSize;
    }

    void decided(long taskId, int agent, float[] observation, float[] mask, float[] critic, int action,
                 float logProb, float value) {
        Step step = new Step(agent, observation, mask, critic, action, logProb, value);
        steps.add(step);
        byTask.put(taskId, step);
    }

    void ended(Outcome outcome) {
        outcomes++;
        rewardSum += outcome.reward();
        if (outcome.success()) {
            successes++;
        }
        Step step = byTask.remove(outcome.task().id());
        if (step != null) {
            step.reward = (float) outcome.reward();
            step.ended = true;
        }
    }

    int decisions() {
        return steps.size();
    }

    double successRate() {
        return outcomes == 0 ? 0 : successes / (double) outcomes;
    }

    int tasks() {
        return outcomes;
    }

    int successes() {
        return successes;
    }

    /** Sum of rewards divided by the number of agents: the mean return of an agent this episode. */
    double meanReturn(int agents) {
        return rewardSum / Math.max(1, agents);
    }

    /** The PPO batch: GAE over each agent's decisions, in decision order. */
    RolloutBatch batch(double gamma, double lambda) {
        int size = steps.size();
        float[] advantages = new float[size];
        float[] returns = new float[size];
        Map<Integer, List<Integer>> perAgent = new HashMap<>();
        for (int i = 0; i < size; i++) {
            perAgent.computeIfAbsent(steps.get(i).agent, a -> new ArrayList<>()).add(i);
        }
        for (List<Integer> trajectory : perAgent.values()) {
            double next = 0;
            double nextValue = 0;
            for (int k = trajectory.size() - 1; k >= 0; k--) {
                Step step = steps.get(trajectory.get(k));
                double delta = step.reward + gamma * nextValue - step.value;
                next = delta + gamma * lambda * next;
                advantages[trajectory.get(k)] = (float) next;
                returns[trajectory.get(k)] = (float) (next + step.value);
                nextValue = step.value;
            }
        }
        float[] observations = new float[size * observationSize];
        float[] masks = new float[size * maxNodes];
        float[] critic = new float[size * criticSize];
        int[] actions = new int[size];
        float[] logProbs = new float[size];
        for (int i = 0; i < size; i++) {
            Step step = steps.get(i);
            System.arraycopy(step.observation, 0, observations, i * observationSize, observationSize);
            System.arraycopy(step.mask, 0, masks, i * maxNodes, maxNodes);
            System.arraycopy(step.critic, 0, critic, i * criticSize, criticSize);
            actions[i] = step.action;
            logProbs[i] = step.logProb;
        }
        return new RolloutBatch(size, observations, masks, critic, actions, logProbs, advantages, returns);
    }
}
