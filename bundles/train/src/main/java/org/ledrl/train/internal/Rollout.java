package org.ledrl.train.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ledrl.api.model.Outcome;

/**
 * The decisions of one training episode with what each led to. Each decision is rewarded with its task's outcome
 * (matched by task id), credited as {@link Rewards} says, and each agent's decisions form its own trajectory for
 * {@link Gae}. {@link Batch} gathers several episodes into one PPO batch.
 */
final class Rollout {

    private final List<Step> steps = new ArrayList<>();
    private final Map<Long, Step> byTask = new HashMap<>();
    private int successes;
    private int outcomes;
    private double rewardSum;

    /** One decision: the actor's and critic's inputs, the action and its log-probability, the raw value. */
    static final class Step {
        final int agent;
        final int slot;
        final long timeMillis;
        final int executor;
        final double computeS;
        final double deadlineS;
        final float[] observation;
        final float[] mask;
        final float[] critic;
        final int action;
        final float logProb;
        final float value;
        double reward;
        long endedMillis = Long.MAX_VALUE;

        Step(int agent, int slot, long timeMillis, int executor, double computeS, double deadlineS,
             float[] observation, float[] mask, float[] critic, int action, float logProb, float value) {
            this.agent = agent;
            this.slot = slot;
            this.timeMillis = timeMillis;
            this.executor = executor;
            this.computeS = computeS;
            this.deadlineS = deadlineS;
            this.observation = observation;
            this.mask = mask;
            this.critic = critic;
            this.action = action;
            this.logProb = logProb;
            this.value = value;
        }

        Rewards.Credited credited() {
            return new Rewards.Credited(slot, timeMillis, executor, computeS, deadlineS, reward, endedMillis);
        }
    }

    /** Records a decision (training episodes only; validation counts outcomes alone). */
    void decided(long taskId, Step step) {
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
            step.reward = outcome.reward();
            step.endedMillis = outcome.completedMillis();
        }
    }

    int decisions() {
        return steps.size();
    }

    List<Step> steps() {
        return steps;
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

    /** Advantages and returns of this episode's decisions, in decision order. */
    void credit(TrainingOptions.Credit credit, float[] advantages, float[] returns, int offset) {
        int size = steps.size();
        List<Rewards.Credited> credited = new ArrayList<>(size);
        float[] values = new float[size];
        Map<Integer, List<Integer>> perAgent = new HashMap<>();
        for (int i = 0; i < size; i++) {
            Step step = steps.get(i);
            credited.add(step.credited());
            values[i] = step.value;
            perAgent.computeIfAbsent(step.agent, a -> new ArrayList<>()).add(i);
        }
        float[] rewards = Rewards.of(credited, credit.reward(), credit.teamWindow(), credit.congestion());
        float[] adv = new float[size];
        float[] ret = new float[size];
        for (List<Integer> trajectory : perAgent.values()) {
            Gae.compute(trajectory.stream().mapToInt(Integer::intValue).toArray(), rewards, values, credit.gamma(),
                    credit.lambda(), credit.timeLimit(), adv, ret);
        }
        System.arraycopy(adv, 0, advantages, offset, size);
        System.arraycopy(ret, 0, returns, offset, size);
    }
}
