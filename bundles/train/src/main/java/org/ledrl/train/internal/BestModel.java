package org.ledrl.train.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ledrl.ml.ActorCritic;

/**
 * The actor with the best validation score so far, exported as the model when it is kept (early stopping: PPO can
 * drift from a good actor, and an aligned actor starts from its prior). A resumed run knows the best score from the
 * curve, and keeps the model it exported then.
 */
final class BestModel {

    private final Path model;
    private final boolean keep;
    private final double noise;
    private int episode = -1;
    private double score = Double.NEGATIVE_INFINITY;
    private ValidationResult best = ValidationResult.NONE;
    private ValidationResult start = ValidationResult.NONE;
    private ValidationResult first = ValidationResult.NONE;
    private int firstEpisode = -1;

    private BestModel(Path model, boolean keep, double noise) {
        this.model = model;
        this.keep = keep;
        this.noise = noise;
    }

    static BestModel of(TrainingCurve curve, Path model, boolean keep, double noise) {
        BestModel best = new BestModel(model, keep, noise);
        if (keep && Files.exists(model)) {
            for (TrainingCurve.Point p : curve.points()) {
                best.note(p.episode(), p.validation());
            }
        }
        return best;
    }

    void offer(int at, ValidationResult validation, ActorCritic networks) throws IOException {
        if (keep && note(at, validation)) {
            networks.exportActor(model);
        }
    }

    private boolean note(int at, ValidationResult validation) {
        if (at == 0) {
            start = validation;
        } else if (firstEpisode < 0) {
            first = validation;
            firstEpisode = at;
        }
        double offered = validation.score(noise);
        if (offered > score) {
            episode = at;
            score = offered;
            best = validation;
            return true;
        }
        return false;
    }

    boolean kept() {
        return episode >= 0;
    }

    /** What the model card says of the model: which actor it is, and why. */
    String describe(List<Long> seeds) {
        if (!kept()) {
            return "model: the actor after the last episode";
        }
        String basis = noise > 0 ? String.format(Locale.ROOT, "score (success with honest priors x %.2f"
                + " + with misleading priors x %.2f)", 1 - noise, noise) : "success rate";
        String text = String.format(Locale.ROOT, "model: the actor after episode %d, the best validation %s "
                + "(%.4f; honest success %.4f +- %.4f (95%%) over %d seeds %d..%d, greedy)", episode, basis, score,
                best.honest(), best.ci95(), seeds.size(), seeds.get(0), seeds.get(seeds.size() - 1));
        double[] gain = best.gainOver(start);
        if (!Double.isNaN(gain[0])) {
            text += String.format(Locale.ROOT, "; %+.4f +- %.4f over the untrained actor, paired by seed", gain[0],
                    gain[1]);
        }
        double[] learned = best.gainOver(first);
        if (!Double.isNaN(learned[0]) && firstEpisode != episode) {
            text += String.format(Locale.ROOT, ", %+.4f +- %.4f over the actor after episode %d (the first validated "
                    + "in training)", learned[0], learned[1], firstEpisode);
        }
        return text;
    }
}
