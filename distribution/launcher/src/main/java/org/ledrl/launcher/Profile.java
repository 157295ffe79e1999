package org.ledrl.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A profile: a named list of feature sets that one installation starts, {@code edge} (headless)
 * or {@code server} (with the Web Console and the trainer). Profiles are defined in
 * {@code conf/config.properties} as {@code ledrl.profile.<name> = feature, feature...}; each feature's
 * bundles are listed, one jar file name a line, in {@code bundle/features/<feature>.list}.
 */
record Profile(String name, List<String> features) {

    static final String DEFAULT = "edge";
    static final String SELECTED_KEY = "ledrl.profile";
    static final String DEFINITION_PREFIX = "ledrl.profile.";
    static final String ENVIRONMENT_VARIABLE = "LEDRL_PROFILE";
    static final String ONE_SHOT_WITHOUT_KEY = "ledrl.oneshot.without";

    /**
     * Picks the profile: {@code --profile} first, then the environment variable
     * {@value #ENVIRONMENT_VARIABLE}, then {@code ledrl.profile} in the configuration, then
     * {@value #DEFAULT}.
     */
    static Profile select(Optional<String> fromCommandLine, Map<String, String> environment,
            Map<String, String> config) throws LaunchException {
        String source;
        String name;
        String fromEnvironment = environment.getOrDefault(ENVIRONMENT_VARIABLE, "").trim();
        String fromConfig = config.getOrDefault(SELECTED_KEY, "").trim();
        if (fromCommandLine.isPresent()) {
            source = "option --profile";
            name = fromCommandLine.get();
        } else if (!fromEnvironment.isEmpty()) {
            source = "environment variable " + ENVIRONMENT_VARIABLE;
            name = fromEnvironment;
        } else if (!fromConfig.isEmpty()) {
            source = SELECTED_KEY + " in conf/config.properties";
            name = fromConfig;
        } else {
            source = "default";
            name = DEFAULT;
        }
        String definition = config.get(DEFINITION_PREFIX + name);
        if (definition == null || definition.isBlank()) {
            throw LaunchException.usage("unknown profile '" + name + "' (from " + source + "); known profiles: "
                    + String.join(", ", known(config)) + " (defined as " + DEFINITION_PREFIX
                    + "<name> in conf/config.properties)");
        }
        List<String> features = Arrays.stream(definition.split(","))
                .map(String::trim)
                .filter(f -> !f.isEmpty())
                .distinct()
                .toList();
        return new Profile(name, features);
    }

    /**
     * This profile without the features a one-shot command must not start, listed in
     * {@value #ONE_SHOT_WITHOUT_KEY}: those that open network listeners (the Web Console, the REST
     * API). A command needs none of them, and beside a running platform their ports are taken.
     */
    Profile forOneShot(Map<String, String> config) {
        Set<String> without = Arrays.stream(config.getOrDefault(ONE_SHOT_WITHOUT_KEY, "").split(","))
                .map(String::trim)
                .filter(f -> !f.isEmpty())
                .collect(Collectors.toSet());
        return new Profile(name, features.stream().filter(f -> !without.contains(f)).toList());
    }

    private static Set<String> known(Map<String, String> config) {
        Set<String> names = new TreeSet<>();
        config.keySet().stream()
                .filter(k -> k.startsWith(DEFINITION_PREFIX))
                .map(k -> k.substring(DEFINITION_PREFIX.length()))
                .forEach(names::add);
        return names;
    }

    /**
     * The jars of every feature of this profile, in feature order, each once.
     *
     * @throws LaunchException naming a feature this installation does not carry, or a list entry
     *                         whose jar is missing
     */
    List<Path> bundles(Path bundleDir) throws LaunchException {
        Set<Path> jars = new LinkedHashSet<>();
        for (String feature : features) {
            Path list = bundleDir.resolve("features").resolve(feature + ".list");
            if (!Files.isRegularFile(list)) {
                throw LaunchException.of("profile " + name + " needs feature '" + feature
                        + "', which this installation does not carry (no " + list
                        + "); use a distribution that has it, or another profile");
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(list, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw LaunchException.of("cannot read " + list + ": " + e.getMessage(), e);
            }
            for (String line : lines) {
                String entry = line.trim();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                Path jar = bundleDir.resolve(entry).normalize();
                if (!jar.startsWith(bundleDir.normalize()) || !Files.isRegularFile(jar)) {
                    throw LaunchException.of(list + " lists " + entry + ", which is not a file in " + bundleDir);
                }
                jars.add(jar);
            }
        }
        return new ArrayList<>(jars);
    }
}
