package org.ledrl.train.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import org.ledrl.api.command.Arguments;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.ScenarioException;
import org.ledrl.sim.Scenarios;

/**
 * Training under varied conditions (domain randomisation): each episode draws one value of every varied scenario
 * key from its own seed, so a policy meant to face failures also meets them in training, and a run is still the
 * same for the same seed. Validation episodes draw the same way, so the kept actor is the best over the mix.
 *
 * <p>Every value is checked when the variation is made, so a bad one stops training before the first episode.
 */
final class ScenarioVariation implements LongFunction<Scenario> {

    private final Path file;
    private final List<String> sets;
    private final Map<String, List<String>> varied;
    private final Map<List<String>, Scenario> loaded = new ConcurrentHashMap<>();

    private ScenarioVariation(Path file, List<String> sets, Map<String, List<String>> varied) {
        this.file = file;
        this.sets = List.copyOf(sets);
        this.varied = varied;
    }

    /**
     * @param file   the scenario file
     * @param sets   fixed overrides, {@code key=value}
     * @param varies varied keys, {@code key=v1,v2,...}: an episode runs at one of the values, each as likely
     * @throws Arguments.UsageException a {@code --vary} that is not {@code key=v1,v2,...}, a key given twice, or a
     *                                  key both fixed and varied
     * @throws ScenarioException        a value the scenario refuses (the message names the key)
     */
    static ScenarioVariation of(Path file, List<String> sets, List<String> varies)
            throws Arguments.UsageException, ScenarioException {
        Map<String, List<String>> varied = new LinkedHashMap<>();
        for (String vary : varies) {
            int eq = vary.indexOf('=');
            List<String> values = eq < 0 ? List.of() : List.of(vary.substring(eq + 1).split(",", -1)).stream()
                    .map(String::trim).toList();
            if (eq <= 0 || values.isEmpty() || values.contains("")) {
                throw new Arguments.UsageException("--vary needs key=v1,v2,..., not '" + vary + "'");
            }
            String key = vary.substring(0, eq).trim();
            if (varied.put(key, values) != null) {
                throw new Arguments.UsageException("--vary " + key + " is given twice");
            }
        }
        for (String set : sets) {
            // a --set without '=' has no key here; the scenario reader refuses it below, naming it
            String key = set.substring(0, Math.max(0, set.indexOf('='))).trim();
            if (varied.containsKey(key)) {
                throw new Arguments.UsageException(key + " is given by both --set and --vary; keep one");
            }
        }
        ScenarioVariation variation = new ScenarioVariation(file, sets, varied);
        // the scenario with the fixed overrides alone, which names the run
        variation.loaded.put(List.of(), Scenarios.load(file, sets));
        for (Map.Entry<String, List<String>> v : varied.entrySet()) {
            for (String value : v.getValue()) {
                List<String> one = new ArrayList<>(sets);
                one.add(v.getKey() + "=" + value);
                try {
                    Scenarios.load(file, one);
                } catch (ScenarioException e) {
                    // the scenario reader says every override came from --set; this one came from --vary
                    throw new ScenarioException(e.source(), e.key().replace(" (from --set)", " (from --vary)"),
                            e.problem());
                }
            }
        }
        return variation;
    }

    /** The scenario without variation: its name and settings name the run. */
    Scenario base() {
        return loaded.get(List.of());
    }

    /** What varies, for the model card: {@code key=v1,v2; ...}, empty when nothing does. */
    String describe() {
        List<String> parts = new ArrayList<>();
        varied.forEach((key, values) -> parts.add(key + "=" + String.join(",", values)));
        return String.join("; ", parts);
    }

    /** The scenario of the episode with this seed (the seed not yet applied). */
    @Override
    public Scenario apply(long seed) {
        List<String> draw = new ArrayList<>();
        int k = 0;
        for (Map.Entry<String, List<String>> v : varied.entrySet()) {
            // a hash of seed and key, independent of how the episode itself uses its seed
            long h = MappoTrainer.episodeSeed(seed, -1 - k++);
            draw.add(v.getKey() + "=" + v.getValue().get((int) Math.floorMod(h, (long) v.getValue().size())));
        }
        return load(draw);
    }

    private Scenario load(List<String> draw) {
        return loaded.computeIfAbsent(draw, d -> {
            List<String> all = new ArrayList<>(sets);
            all.addAll(d);
            try {
                return Scenarios.load(file, all);
            } catch (ScenarioException e) {
                // every value was loaded once in of(): only the file changing under a run ends here
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }
}
