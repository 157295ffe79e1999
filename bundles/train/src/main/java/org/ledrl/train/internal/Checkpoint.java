package org.ledrl.train.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.ledrl.ml.ActorCritic;

/**
 * A run's checkpoint in its output folder: {@value #NETWORKS} (weights and optimiser state) and {@value #STATE}
 * (episodes done, master seed, scenario, the value normaliser's statistics), with the curve so far. A run resumed
 * from it continues exactly as the straight run would have.
 */
final class Checkpoint {

    static final String NETWORKS = "checkpoint.bin";
    static final String STATE = "checkpoint.properties";

    private Checkpoint() {
    }

    static boolean exists(Path out) {
        return Files.exists(out.resolve(NETWORKS));
    }

    static void write(Path out, ActorCritic networks, ValueNormaliser values, TrainingCurve curve, int episodes,
                      long seed, String scenario) throws IOException {
        networks.save(out.resolve(NETWORKS));
        Properties state = new Properties();
        state.setProperty("episodes", Integer.toString(episodes));
        state.setProperty("seed", Long.toString(seed));
        state.setProperty("scenario", scenario);
        values.save(state);
        Path temp = out.resolve(STATE + ".tmp");
        try (OutputStream stream = Files.newOutputStream(temp)) {
            state.store(stream, "Training state: episodes done, master seed, value normalisation");
        }
        Files.move(temp, out.resolve(STATE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        curve.writeCsv(out.resolve(MappoTrainer.CURVE_CSV));
    }

    /** Reads the state, checks the seed, restores the value normaliser; returns the episodes done. */
    static int read(Path out, long seed, ValueNormaliser values) throws IOException {
        Path file = out.resolve(STATE);
        Properties state = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            state.load(in);
        } catch (IOException e) {
            throw new IOException("cannot read the training state " + file + ": " + e.getMessage(), e);
        }
        try {
            long savedSeed = Long.parseLong(state.getProperty("seed", ""));
            if (savedSeed != seed) {
                throw new IllegalStateException(file + " was trained with seed " + savedSeed + ", not " + seed
                        + ": resume with the same --seed");
            }
            values.restore(state);
            return Integer.parseInt(state.getProperty("episodes", ""));
        } catch (NumberFormatException e) {
            throw new IOException(file + ": 'episodes' and 'seed' must be whole numbers", e);
        }
    }
}
