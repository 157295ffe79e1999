package org.ledrl.experiment.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.ledrl.api.command.Arguments;
import org.ledrl.api.command.Arguments.UsageException;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.runtime.PolicyRegistry;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.ScenarioException;
import org.ledrl.sim.Scenarios;

/**
 * What an experiment runs, read from the command line and checked before anything runs: the
 * scenarios (loaded, with the overrides applied), the policies (found in the registry), the seeds,
 * the episodes per run and the output folder. Every problem is a {@link UsageException} that names
 * the option, file or policy at fault.
 *
 * @param scenarios     loaded scenarios, names unique, in the order given
 * @param scenarioFiles the file of each scenario, same order
 * @param sweepPoints   each swept scenario's name to its point, in the order of the scenarios
 * @param robustness    the names of the paper's robustness scenarios (with {@code --paper}), in the order of the
 *                      scenarios: they have a table of their own
 * @param warnings      what was left out and why, to be told before the runs
 * @param overrides     the {@code --set} overrides applied to every scenario
 * @param policies      policy name to the installed policy, in the order given
 * @param seeds         one run per seed
 * @param episodes      episodes per run; 0 means each scenario's own
 * @param out           where results and the report go
 */
record ExperimentPlan(List<Scenario> scenarios, List<Path> scenarioFiles, Map<String, SweepPoint> sweepPoints,
                      List<String> robustness, List<String> warnings, List<String> overrides,
                      Map<String, OffloadingPolicy> policies, List<Long> seeds, int episodes, Path out) {

    static final List<String> VALUED = List.of("scenario", "set", "policies", "seeds", "seed-list", "episodes", "out",
            "sweep", "llm-provider", "references");
    static final List<String> FLAGS = List.of("paper");

    /**
     * The paper's robustness study that {@code --paper} adds: each shipped file (paper-10-random with one failure
     * kind) swept over that failure kind's rate; and failures with a memory: flaky-20 swept over the share of flaky
     * nodes, bursty-20 over the bad state's factor.
     */
    static final Map<String, Sweep> PAPER_ROBUSTNESS = robustnessStudy();

    /** Defaults from the command's configuration. */
    record Defaults(int seeds, int episodes, String outputRoot) {
    }

    /** A sweep: every scenario it applies to runs once per value of the key. */
    record Sweep(String key, List<String> values) {
    }

    /** A scenario file to load, with the sweep that applies to it, and whether it belongs to the robustness study. */
    private record Source(Path file, Optional<Sweep> sweep, boolean robustness) {
    }

    static ExperimentPlan parse(List<String> args, CommandContext context, PolicyRegistry registry, Defaults defaults)
            throws UsageException {
        Arguments arguments = Arguments.parse(args, VALUED, FLAGS);
        boolean paper = arguments.flag("paper");

        Optional<Sweep> userSweep = sweep(arguments);
        List<Source> sources = new ArrayList<>();
        if (paper) {
            for (Path file : paperScenarios(context.home())) {
                sources.add(new Source(file, userSweep, false));
            }
        }
        List<String> named = new ArrayList<>();
        for (String value : arguments.values("scenario")) {
            named.addAll(split(value));
        }
        // --scenario a.yaml b.yaml: the words after the option are scenario files too
        named.addAll(arguments.positional());
        for (String name : named) {
            sources.add(new Source(Scenarios.find(name, context.home()), userSweep, false));
        }
        if (sources.isEmpty()) {
            throw new UsageException("no scenario: give --scenario FILE (one or more) or --paper");
        }
        List<String> warnings = new ArrayList<>();
        if (paper) {
            Path dir = Scenarios.folder(context.home());
            for (var study : PAPER_ROBUSTNESS.entrySet()) {
                Path file = dir.resolve(study.getKey());
                if (Files.isRegularFile(file)) {
                    sources.add(new Source(file, Optional.of(study.getValue()), true));
                } else {
                    warnings.add("--paper: " + study.getKey() + " not found in " + dir
                            + ", so its robustness sweep is left out");
                }
            }
        }

        List<String> overrides = arguments.values("set");
        List<Scenario> scenarios = new ArrayList<>();
        List<Path> scenarioFiles = new ArrayList<>();
        Map<String, SweepPoint> sweepPoints = new LinkedHashMap<>();
        List<String> robustness = new ArrayList<>();
        Map<String, Path> fileOfName = new LinkedHashMap<>();
        for (Source source : sources) {
            Scenario base = load(source.file(), overrides);
            List<Scenario> loaded = new ArrayList<>();
            if (source.sweep().isEmpty()) {
                loaded.add(base);
            } else {
                Sweep sweep = source.sweep().get();
                for (String value : sweep.values()) {
                    SweepPoint point = new SweepPoint(base.name(), sweep.key(), value);
                    List<String> swept = new ArrayList<>(overrides);
                    swept.add(sweep.key() + "=" + value);
                    swept.add("name=" + point.scenarioName());
                    loaded.add(load(source.file(), swept));
                    sweepPoints.put(point.scenarioName(), point);
                }
            }
            for (Scenario scenario : loaded) {
                Path clash = fileOfName.putIfAbsent(scenario.name(), source.file());
                if (clash != null) {
                    throw new UsageException("two scenarios are named '" + scenario.name() + "': " + clash + " and "
                            + source.file() + "; give each scenario its own name");
                }
                scenarios.add(scenario);
                scenarioFiles.add(source.file());
                if (source.robustness()) {
                    robustness.add(scenario.name());
                }
            }
        }

        List<String> names = arguments.value("policies").map(ExperimentPlan::split).orElse(registry.names());
        if (names.isEmpty()) {
            throw new UsageException("no offloading policy is installed: install a policy bundle or name one with "
                    + "--policies");
        }
        Map<String, OffloadingPolicy> policies = new LinkedHashMap<>();
        for (String name : names) {
            OffloadingPolicy policy = registry.find(name).orElseThrow(() -> new UsageException("unknown policy '"
                    + name + "'; installed: " + String.join(", ", registry.names())));
            policies.putIfAbsent(name, policy);
        }

        List<Long> seeds = seeds(arguments, defaults.seeds());
        int episodes = arguments.intValue("episodes", defaults.episodes());
        if (episodes < 0 || (episodes == 0 && arguments.value("episodes").isPresent())) {
            throw new UsageException("option --episodes must be at least 1, not " + episodes);
        }
        Path out = arguments.value("out").map(Path::of).orElseGet(() -> Path.of(defaults.outputRoot(),
                "experiment-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("option --out must be a folder, and " + out + " is a file");
        }
        return new ExperimentPlan(List.copyOf(scenarios), List.copyOf(scenarioFiles),
                Collections.unmodifiableMap(sweepPoints), List.copyOf(robustness), List.copyOf(warnings),
                List.copyOf(overrides), policies, seeds, episodes, out);
    }

    private static Scenario load(Path file, List<String> overrides) throws UsageException {
        try {
            return Scenarios.load(file, overrides);
        } catch (ScenarioException e) {
            throw new UsageException("bad scenario " + e.getMessage());
        }
    }

    private static Map<String, Sweep> robustnessStudy() {
        List<String> rates = List.of("0", "0.1", "0.25");
        Map<String, Sweep> study = new LinkedHashMap<>();
        study.put("robustness-execution.yaml", new Sweep("failures.executionRate", rates));
        study.put("robustness-transmission.yaml", new Sweep("failures.transmissionRate", rates));
        // failures with a memory: success against the flaky share, and against how much more a bad state fails
        study.put("flaky-20.yaml", new Sweep("failures.nodes.flakyShare", List.of("0", "0.1", "0.2", "0.4")));
        study.put("bursty-20.yaml", new Sweep("failures.bursts.badFactor", List.of("1", "5", "10")));
        return Collections.unmodifiableMap(study);
    }

    /** The shipped paper scenarios, {@code conf/scenarios/paper-*.yaml}, sorted by name. */
    static List<Path> paperScenarios(Path home) throws UsageException {
        Path dir = Scenarios.folder(home);
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> found = entries.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith("paper-") && (name.endsWith(".yaml") || name.endsWith(".yml"));
            }).sorted().toList();
            if (found.isEmpty()) {
                throw new UsageException("--paper: no paper-*.yaml scenario in " + dir);
            }
            return found;
        } catch (IOException e) {
            throw new UsageException("--paper: cannot list the shipped scenarios in " + dir + ": " + e.getMessage());
        }
    }

    /** The sweep of {@code --sweep key=v1,v2,...}, or empty without one. */
    static Optional<Sweep> sweep(Arguments arguments) throws UsageException {
        List<String> given = arguments.values("sweep");
        if (given.isEmpty()) {
            return Optional.empty();
        }
        if (given.size() > 1) {
            throw new UsageException("give --sweep once (key=v1,v2,...), not " + given.size() + " times");
        }
        String sweep = given.get(0);
        int eq = sweep.indexOf('=');
        List<String> values = eq > 0 ? split(sweep.substring(eq + 1)) : List.of();
        if (values.isEmpty()) {
            throw new UsageException("option --sweep needs key=v1,v2,..., not '" + sweep + "'");
        }
        return Optional.of(new Sweep(sweep.substring(0, eq).trim(), values));
    }

    /** The last value of option {@code --name} on the raw command line (checked by {@link #parse} already). */
    static Optional<String> argument(List<String> args, String name) {
        String found = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).startsWith("--" + name + "=")) {
                found = args.get(i).substring(name.length() + 3);
            } else if (args.get(i).equals("--" + name) && i + 1 < args.size()) {
                found = args.get(i + 1);
            }
        }
        return Optional.ofNullable(found);
    }

    private static List<Long> seeds(Arguments arguments, int defaultCount) throws UsageException {
        if (arguments.value("seeds").isPresent() && arguments.value("seed-list").isPresent()) {
            throw new UsageException("give either --seeds N or --seed-list 1,2,3, not both");
        }
        if (arguments.value("seed-list").isPresent()) {
            List<Long> seeds = new ArrayList<>();
            for (String value : arguments.values("seed-list")) {
                for (String word : split(value)) {
                    try {
                        long seed = Long.parseLong(word);
                        if (!seeds.contains(seed)) {
                            seeds.add(seed);
                        }
                    } catch (NumberFormatException e) {
                        throw new UsageException("option --seed-list takes whole numbers, not '" + word + "'");
                    }
                }
            }
            if (seeds.isEmpty()) {
                throw new UsageException("option --seed-list needs at least one seed");
            }
            return List.copyOf(seeds);
        }
        int count = arguments.intValue("seeds", defaultCount);
        if (count < 1) {
            throw new UsageException("option --seeds must be at least 1, not " + count);
        }
        List<Long> seeds = new ArrayList<>(count);
        for (long seed = 1; seed <= count; seed++) {
            seeds.add(seed);
        }
        return List.copyOf(seeds);
    }

    /** {@code "a, b,,c"} as {@code [a, b, c]}. */
    static List<String> split(String value) {
        List<String> words = new ArrayList<>();
        for (String word : value.split(",")) {
            if (!word.isBlank()) {
                words.add(word.trim());
            }
        }
        return words;
    }

    List<String> scenarioNames() {
        return scenarios.stream().map(Scenario::name).toList();
    }

    /** The columns of the Table-I layout: every scenario but the robustness study's. */
    List<String> tableScenarioNames() {
        return scenarioNames().stream().filter(name -> !robustness.contains(name)).toList();
    }

    /** The sweep points of those of the named scenarios that were swept, in the order given. */
    List<SweepPoint> sweepPointsOf(List<String> names) {
        return names.stream().filter(sweepPoints::containsKey).map(sweepPoints::get).toList();
    }

    List<String> policyNames() {
        return List.copyOf(policies.keySet());
    }

    int runs() {
        return scenarios.size() * policies.size() * seeds.size();
    }
}
