package org.ledrl.train.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.ml.ActorCritic;
import org.ledrl.policy.mappo.ObservationEncoder;

/**
 * Runs several episodes side by side ({@link Lane}s) with one actor, batching the network over them: in each slot
 * the k-th agent to decide in every lane is scored in one call, then the critic scores every decision of the slot in
 * one call. Within a lane agents decide one after the other, as in a run, so that each sees what the agents before
 * it sent this slot (its {@link org.ledrl.policy.mappo.RecentActivity} and a fresh prior board). With {@code greedy}
 * the most likely action is taken and nothing is recorded but outcomes (validation).
 *
 * <p>With several threads the lanes are split into as many contiguous groups, each run on its own thread. A lane's
 * episode depends only on the lane and the weights (each row of a batch is scored alone), so a run gives the same
 * results, bit for bit, on any number of threads.
 */
final class VectorRollouts implements AutoCloseable {

    private final ActorCritic networks;
    private final ObservationEncoder encoder;
    private final ValueNormaliser values;
    private final boolean criticContext;
    private final String algorithm;
    private final int threads;
    /** Runs the groups beyond the first; the calling thread runs the first. Null with one thread. */
    private final ExecutorService helpers;

    VectorRollouts(ActorCritic networks, ObservationEncoder encoder, ValueNormaliser values, boolean criticContext,
                   String algorithm, int threads) {
        this.networks = networks;
        this.encoder = encoder;
        this.values = values;
        this.criticContext = criticContext;
        this.algorithm = algorithm;
        this.threads = threads;
        AtomicInteger count = new AtomicInteger();
        this.helpers = threads <= 1 ? null : Executors.newFixedThreadPool(threads - 1, task -> {
            Thread thread = new Thread(task, "ledrl-rollouts-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs every lane's episode to its end, the lanes split over the threads; returns the decisions made. */
    long run(List<Lane> lanes, boolean greedy) {
        int groups = Math.min(threads, lanes.size());
        if (groups <= 1) {
            return runGroup(lanes, greedy);
        }
        List<Future<Long>> others = new ArrayList<>(groups - 1);
        for (int g = 1; g < groups; g++) {
            List<Lane> group = lanes.subList(lanes.size() * g / groups, lanes.size() * (g + 1) / groups);
            others.add(helpers.submit(() -> runGroup(group, greedy)));
        }
        long decisions = runGroup(lanes.subList(0, lanes.size() / groups), greedy);
        for (Future<Long> other : others) {
            decisions += join(other);
        }
        return decisions;
    }

    private static long join(Future<Long> group) {
        try {
            return group.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while episodes ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }

    private long runGroup(List<Lane> lanes, boolean greedy) {
        int n = encoder.maxNodes();
        int observationSize = encoder.observationSize();
        int criticSize = CriticInput.size(observationSize);
        int count = lanes.size();
        float[] tokens = new float[count * observationSize];
        float[] masks = new float[count * n];
        long decisions = 0;
        List<Lane> active = new ArrayList<>(lanes);
        for (Lane lane : lanes) {
            lane.reset();
        }
        while (true) {
            active.removeIf(Lane::absorb);
            if (active.isEmpty()) {
                return decisions;
            }
            int most = 0;
            int total = 0;
            for (Lane lane : active) {
                most = Math.max(most, lane.observations().size());
                total += lane.observations().size();
            }
            // per lane and agent: the encoded row, the action and its probability
            float[][][] rows = new float[active.size()][][];
            float[][][] rowMasks = new float[active.size()][][];
            int[][] actions = new int[active.size()][];
            float[][] logProbs = new float[active.size()][];
            List<List<Decision>> chosen = new ArrayList<>(active.size());
            for (int l = 0; l < active.size(); l++) {
                int size = active.get(l).observations().size();
                rows[l] = new float[size][];
                rowMasks[l] = new float[size][];
                actions[l] = new int[size];
                logProbs[l] = new float[size];
                chosen.add(new ArrayList<>(size));
            }
            for (int k = 0; k < most; k++) {
                int[] laneOf = new int[active.size()];
                int batch = 0;
                for (int l = 0; l < active.size(); l++) {
                    Lane lane = active.get(l);
                    if (k < lane.observations().size()) {
                        Observation o = lane.observations().get(k);
                        lane.board.observe(o);
                        encoder.encode(o, lane.board.latest(o.agent()), lane.activity, tokens, masks, batch);
                        laneOf[batch++] = l;
                    }
                }
                float[] p = networks.probabilities(Arrays.copyOf(tokens, batch * observationSize),
                        Arrays.copyOf(masks, batch * n), batch);
                for (int b = 0; b < batch; b++) {
                    int l = laneOf[b];
                    Lane lane = active.get(l);
                    Observation o = lane.observations().get(k);
                    int action = greedy ? mostLikely(p, b * n, n) : sample(p, b * n, n, lane);
                    boolean allowed = masks[b * n + action] > 0;
                    Decision decision = Decision.of(allowed ? o.candidates().get(action).node() : o.agent(),
                            algorithm);
                    if (allowed) {
                        lane.activity.sent(o, action);
                    }
                    lane.decided(o, decision);
                    chosen.get(l).add(decision);
                    actions[l][k] = action;
                    logProbs[l][k] = (float) Math.log(Math.max(p[b * n + action], 1e-12f));
                    if (!greedy) {
                        rows[l][k] = Arrays.copyOfRange(tokens, b * observationSize, (b + 1) * observationSize);
                        rowMasks[l][k] = Arrays.copyOfRange(masks, b * n, (b + 1) * n);
                    }
                }
            }
            decisions += total;
            if (!greedy && total > 0) {
                record(active, rows, rowMasks, actions, logProbs, total, observationSize, criticSize);
            }
            for (int l = 0; l < active.size(); l++) {
                Lane lane = active.get(l);
                lane.slot = lane.environment.step(chosen.get(l));
            }
        }
    }

    /** Scores the slot's decisions with the critic in one call and records them in their lanes' rollouts. */
    private void record(List<Lane> active, float[][][] rows, float[][][] rowMasks, int[][] actions,
                        float[][] logProbs, int total, int observationSize, int criticSize) {
        float[] critic = new float[total * criticSize];
        int at = 0;
        for (int l = 0; l < active.size(); l++) {
            Lane lane = active.get(l);
            float[] state = lane.environment.globalState();
            float[] summary = CriticInput.summary(state, lane.nodes);
            int size = lane.observations().size();
            float timeLeft = criticContext ? lane.timeLeft() : 0f;
            float arrivals = criticContext ? size / (float) lane.nodes : 0f;
            for (int k = 0; k < size; k++) {
                CriticInput.write(summary, state, lane.observations().get(k).agent(), timeLeft, arrivals, rows[l][k],
                        0, observationSize, critic, at++);
            }
        }
        float[] raw = values.denormalise(networks.values(critic, total));
        at = 0;
        for (int l = 0; l < active.size(); l++) {
            Lane lane = active.get(l);
            List<Observation> observations = lane.observations();
            for (int k = 0; k < observations.size(); k++) {
                Observation o = observations.get(k);
                int action = actions[l][k];
                Candidate target = rowMasks[l][k][action] > 0 ? o.candidates().get(action) : o.self();
                lane.rollout.decided(o.task().id(), new Rollout.Step(o.agent(), lane.slot.index(), o.timeMillis(),
                        target.node(), target.computeSeconds(o.task()), o.task().deadlineS(), rows[l][k],
                        rowMasks[l][k], Arrays.copyOfRange(critic, at * criticSize, (at + 1) * criticSize), action,
                        logProbs[l][k], raw[at]));
                at++;
            }
        }
    }

    private static int mostLikely(float[] probabilities, int offset, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (probabilities[offset + i] > probabilities[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    private static int sample(float[] probabilities, int offset, int n, Lane lane) {
        double u = lane.random.nextDouble();
        double cumulative = 0;
        int last = 0;
        for (int i = 0; i < n; i++) {
            float p = probabilities[offset + i];
            if (p > 0) {
                cumulative += p;
                last = i;
                if (u < cumulative) {
                    return i;
                }
            }
        }
        return last;
    }
}
