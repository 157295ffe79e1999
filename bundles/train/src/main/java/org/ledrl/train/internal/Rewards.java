package org.ledrl.train.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reward a decision is credited with, in one of three forms ({@code --hp reward=...}):
 * <ul>
 * <li>{@link Form#INDIVIDUAL}: its own task's reward (DESIGN.md: +1 success, -1 failure, minus a latency term).
 * Herding goes unpunished: the waiting a decision causes to other agents' tasks never comes back to it.</li>
 * <li>{@link Form#TEAM}: the mean reward of all tasks decided in the same window of {@code teamWindow} slots, shared
 * by every agent that decided in it (MAPPO's shared team reward, over a short window so that credit stays near the
 * decision).</li>
 * <li>{@link Form#CONGESTION}: its own reward minus {@code congestion x (compute / deadline) x behind}, where
 * {@code compute} is its task's estimated compute time at the chosen node and {@code behind} counts the tasks sent
 * to the same node after it (later in the slot, or in later slots) before it ended: each of them waits up to that
 * compute time longer.</li>
 * </ul>
 */
final class Rewards {

    enum Form { INDIVIDUAL, TEAM, CONGESTION }

    /** What a reward needs to know of a decision; {@code order} is the decision order within the episode. */
    record Credited(int slot, long timeMillis, int executor, double computeS, double deadlineS, double ownReward,
                    long endedMillis) {
    }

    private Rewards() {
    }

    static float[] of(List<Credited> decisions, Form form, int teamWindow, double congestion) {
        return switch (form) {
            case INDIVIDUAL -> individual(decisions);
            case TEAM -> team(decisions, teamWindow);
            case CONGESTION -> congestion(decisions, congestion);
        };
    }

    private static float[] individual(List<Credited> decisions) {
        float[] rewards = new float[decisions.size()];
        for (int i = 0; i < rewards.length; i++) {
            rewards[i] = (float) decisions.get(i).ownReward();
        }
        return rewards;
    }

    private static float[] team(List<Credited> decisions, int window) {
        Map<Integer, double[]> sums = new HashMap<>(); // window -> {sum, count}
        for (Credited d : decisions) {
            double[] s = sums.computeIfAbsent(d.slot() / window, w -> new double[2]);
            s[0] += d.ownReward();
            s[1]++;
        }
        float[] rewards = new float[decisions.size()];
        for (int i = 0; i < rewards.length; i++) {
            double[] s = sums.get(decisions.get(i).slot() / window);
            rewards[i] = (float) (s[0] / s[1]);
        }
        return rewards;
    }

    private static float[] congestion(List<Credited> decisions, double weight) {
        Map<Integer, List<Integer>> byExecutor = new HashMap<>();
        for (int i = 0; i < decisions.size(); i++) {
            byExecutor.computeIfAbsent(decisions.get(i).executor(), e -> new ArrayList<>()).add(i);
        }
        float[] rewards = individual(decisions);
        for (List<Integer> sent : byExecutor.values()) {
            // decisions come in time order: those behind i are the later ones decided before i ended
            for (int k = 0; k < sent.size(); k++) {
                Credited d = decisions.get(sent.get(k));
                int behind = 0;
                for (int j = k + 1; j < sent.size() && decisions.get(sent.get(j)).timeMillis() < d.endedMillis(); j++) {
                    behind++;
                }
                double share = d.deadlineS() > 0 && Double.isFinite(d.computeS()) ? d.computeS() / d.deadlineS() : 0;
                rewards[sent.get(k)] -= (float) (weight * share * behind);
            }
        }
        return rewards;
    }
}
