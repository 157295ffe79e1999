package org.ledrl.policy.mappo;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.ml.InferenceModel;
import org.ledrl.ml.Tensor;

/**
 * One loaded actor: an ONNX model checked against its card, deciding with ONNX Runtime. Decisions hold a lease so
 * that a swapped-out actor closes its native session only after the last decision that uses it has finished.
 */
final class Actor {

    private final InferenceModel model;
    private final ModelCard card;
    private final ObservationEncoder encoder;
    private final String source;
    /** Leases held plus one for "still installed"; the session closes when it drops to zero. */
    private final AtomicInteger leases = new AtomicInteger(1);
    /**
     * Each deciding thread's input arrays (tokens, mask), reused: the encoder clears them and the model copies them
     * before it returns. They were two fifths of what a decision allocated, and so of a gateway's collections.
     */
    private final ThreadLocal<Inputs> inputs;

    private record Inputs(float[] tokens, float[] mask) {
    }

    private Actor(InferenceModel model, ModelCard card, String source) {
        this.model = model;
        this.card = card;
        this.encoder = card.encoder();
        this.source = source;
        this.inputs = ThreadLocal.withInitial(
                () -> new Inputs(new float[encoder.observationSize()], new float[encoder.maxNodes()]));
    }

    /** Wraps {@code model} after checking it against {@code card}; closes the model when it does not match. */
    static Actor of(InferenceModel model, ModelCard card, String source) throws IOException {
        try {
            card.verify(model.inputs(), model.outputs(), source);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
        return new Actor(model, card, source);
    }

    String source() {
        return source;
    }

    ModelCard card() {
        return card;
    }

    /** Takes a lease; false once the actor is retired and closing. */
    boolean acquire() {
        int n;
        do {
            n = leases.get();
            if (n == 0) {
                return false;
            }
        } while (!leases.compareAndSet(n, n + 1));
        return true;
    }

    void release() {
        if (leases.decrementAndGet() == 0) {
            model.close();
        }
    }

    /** Called once when another actor replaces this one. */
    void retire() {
        release();
    }

    /**
     * Scores the observation's candidates (with the prior, when the model's layout reads one) and picks the best
     * available one (the agent's node if none is).
     */
    Decision decide(Observation observation, StrategyPrior prior, RecentActivity activity, String policy) {
        int n = encoder.maxNodes();
        Inputs scratch = inputs.get();
        float[] tokens = scratch.tokens();
        float[] mask = scratch.mask();
        int count = encoder.encode(observation, prior, activity, tokens, mask, 0);
        float[] scores = model.run(Map.of(
                card.observation().input(), Tensor.matrix(tokens, 1, tokens.length),
                card.observation().maskInput(), Tensor.matrix(mask, 1, n))).get(card.action().output()).data();
        int best = -1;
        double[] candidateScores = new double[observation.candidates().size()];
        java.util.Arrays.fill(candidateScores, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < count; i++) {
            if (mask[i] > 0) {
                candidateScores[i] = scores[i];
                if (best < 0 || scores[i] > scores[best]) {
                    best = i;
                }
            }
        }
        int target = best < 0 ? observation.agent() : observation.candidates().get(best).node();
        return new Decision(target, policy, candidateScores);
    }
}
