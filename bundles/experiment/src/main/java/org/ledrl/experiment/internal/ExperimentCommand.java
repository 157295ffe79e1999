package org.ledrl.experiment.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ledrl.api.command.Arguments.UsageException;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.command.ProgressBar;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.runtime.PolicyRegistry;
import org.ledrl.policy.mappo.CurvePoint;
import org.ledrl.policy.mappo.LearnedPolicy;
import org.ledrl.reflect.ReflectiveEvaluatorFactory;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ledrl.sim.Runner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code ledrl experiment}: runs every policy on every scenario for every seed on the simulator, in
 * parallel over the cores, and writes {@code results.json}, {@code results.csv}, a self-contained
 * {@code report.html} and the charts as PNG files. Prints the Table-I-style table at the end with each scenario's
 * headroom under it ({@link Headrooms}: the bound on every policy's success rate), then the robustness table when
 * {@code --paper} ran the paper's robustness sweeps.
 *
 * <p>A run whose policy throws is recorded as failed, with the error, and the other runs go on; the
 * exit status is then 1. A bad command line (unknown policy, missing or bad scenario) is reported
 * before anything runs, with exit status 2.
 */
@Component(service = CliCommand.class, configurationPid = ExperimentCommand.PID)
@Designate(ocd = ExperimentCommand.Config.class)
public final class ExperimentCommand implements CliCommand {

    static final String PID = "org.ledrl.experiment";

    @ObjectClassDefinition(name = "Experiment command", description = "Defaults of 'ledrl experiment'.")
    public @interface Config {
        @AttributeDefinition(name = "Seeds", min = "1",
                description = "Runs per policy and scenario when --seeds and --seed-list are not given (seeds 1..N).")
        int seeds() default 10;

        @AttributeDefinition(name = "Episodes", min = "0",
                description = "Episodes per run when --episodes is not given; 0 uses each scenario's own.")
        int episodes() default 0;

        @AttributeDefinition(name = "Threads", min = "0",
                description = "Runs made at the same time; 0 uses one per available core.")
        int threads() default 0;

        @AttributeDefinition(name = "Reference policies",
                description = "Every other policy is compared with each of these, paired by seed, when it takes part.")
        String[] references() default {"local", "random"};

        @AttributeDefinition(name = "LLM provider",
                description = "provider.name of the LLM provider that policies wanting LLM priors (ledrl, "
                        + "ledrl-no-reflection, mappo-prior-mlp, llm-direct) use, e.g. ollama in replay mode; empty: "
                        + "none is configured and the heuristic provider stands in (the report says so).")
        String llmProvider() default "";

        @AttributeDefinition(name = "Simulated LLM delay (ms)", min = "0",
                description = "A prior asked for at time t appears on the simulated board at t + this delay.")
        long llmDelayMillis() default 700;

        @AttributeDefinition(name = "Output folder",
                description = "Where a run's folder (experiment-<date>-<time>) goes when --out is not given; "
                        + "relative to the working directory.")
        String outputRoot() default "runs";
    }

    private final PolicyRegistry registry;
    private final ReflectiveEvaluatorFactory memories;
    private final List<PriorProvider> providers = new CopyOnWriteArrayList<>();
    private volatile Config config;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(PriorProvider provider) {
        providers.add(provider);
    }

    void removeProvider(PriorProvider provider) {
        providers.remove(provider);
    }

    @Activate
    public ExperimentCommand(@Reference PolicyRegistry registry, @Reference ReflectiveEvaluatorFactory memories,
                             Config config) {
        this.registry = registry;
        this.memories = memories;
        this.config = config;
    }

    @Modified
    void modified(Config changed) {
        config = changed;
    }

    @Override
    public String name() {
        return "experiment";
    }

    @Override
    public String summary() {
        return "compare offloading policies on scenarios over seeds; writes results and an HTML report";
    }

    @Override
    public String usage() {
        return """
                Usage: ledrl experiment --scenario FILE... [--set key=value]... [--policies a,b,c]
                                        [--seeds N | --seed-list 1,2,3] [--episodes N] [--out DIR]
                       ledrl experiment --paper [options]
                Runs every policy on every scenario for every seed on the simulator, in parallel, and writes
                DIR/results.json, DIR/results.csv, DIR/report.html and the charts as PNG files.
                  --scenario FILE   a scenario file (YAML), or the name of one in conf/scenarios; repeat it
                                    or list several
                  --set key=value   override a scenario key in every scenario, e.g. --set failures.linkRate=0.05
                  --policies a,b,c  the policies to compare (default: every installed policy)
                  --seeds N         seeds 1..N (default %d)
                  --seed-list ...   exactly these seeds
                  --episodes N      episodes per run (default: %s)
                  --out DIR         output folder (default: %s/experiment-<date>-<time>)
                  --sweep key=v1,v2 run every scenario once per value of a scenario key, e.g.
                                    --sweep failures.executionRate=0,0.1,0.25 (robustness); the report
                                    draws success rate against the value per policy
                  --references a,b  compare every other policy with these, paired by seed (default: %s)
                  --llm-provider P  the LLM provider for policies that want LLM priors (default: the
                                    configured one; none: the heuristic stands in, and the report says so)
                  --paper           the paper's comparison: the paper-* scenarios in conf/scenarios (a
                                    --sweep applies to these), and its robustness sweeps:
                                    robustness-execution over failures.executionRate and
                                    robustness-transmission over failures.transmissionRate, each at
                                    0, 0.1 and 0.25, in a table and charts of their own
                Policies that consume priors get a private simulated prior board per run (deterministic per
                seed, with the configured LLM delay), and ledrl a private reflective memory. Under the table,
                each scenario's headroom: at most that share of its tasks could succeed under any policy.""".formatted(
                config.seeds(), config.episodes() == 0 ? "each scenario's own" : String.valueOf(config.episodes()),
                config.outputRoot(), String.join(",", config.references()));
    }

    @Override
    public int run(List<String> args, CommandContext context) throws UsageException, IOException,
            InterruptedException {
        Config settings = config;
        ExperimentPlan plan = ExperimentPlan.parse(args, context, registry,
                new ExperimentPlan.Defaults(settings.seeds(), settings.episodes(), settings.outputRoot()));
        PriorWiring wiring = new PriorWiring(List.copyOf(providers),
                ExperimentPlan.argument(args, "llm-provider").orElse(settings.llmProvider()), settings.llmDelayMillis(), memories);
        Map<String, String> priorSources = new LinkedHashMap<>();
        Map<String, List<CurvePoint>> curves = new LinkedHashMap<>();
        Map<String, List<CurvePoint>> validationCurves = new LinkedHashMap<>();
        for (var entry : plan.policies().entrySet()) {
            wiring.providerFor(entry.getValue()).ifPresent(c -> priorSources.put(entry.getKey(), c.label()));
            if (entry.getValue() instanceof LearnedPolicy learned) {
                List<CurvePoint> training = learned.trainingCurve();
                if (!training.isEmpty()) {
                    curves.put(entry.getKey(), training);
                }
                List<CurvePoint> validation = learned.validationCurve();
                if (validation.size() >= 2) {
                    validationCurves.put(entry.getKey(), validation);
                }
            }
        }
        int threads = settings.threads() > 0 ? settings.threads() : Runtime.getRuntime().availableProcessors();
        PrintStream out = context.out();
        plan.warnings().forEach(warning -> context.err().println("warning: " + warning));
        out.printf("Experiment: %d policies x %d scenarios x %d seeds = %d runs on %d threads%n",
                plan.policies().size(), plan.scenarios().size(), plan.seeds().size(), plan.runs(), threads);

        List<ParallelRuns.Job> jobs = new ArrayList<>(plan.runs());
        for (var scenario : plan.scenarios()) {
            for (String policy : plan.policyNames()) {
                for (long seed : plan.seeds()) {
                    jobs.add(new ParallelRuns.Job(scenario, policy, seed));
                }
            }
        }
        long start = System.nanoTime();
        List<RunRow> rows;
        try (ProgressBar progress = new ProgressBar(context, "experiment", jobs.size())) {
            rows = ParallelRuns.runAll(jobs, job -> run(job, plan, wiring), threads, progress);
        }
        // the bound on every policy's success rate: once per scenario and seed, as it does not depend on the policy
        Headrooms headrooms = Headrooms.measure(plan.scenarios(), plan.seeds(), plan.episodes(), threads);
        double wallS = (System.nanoTime() - start) / 1e9;

        List<String> references = ExperimentPlan.argument(args, "references")
                .map(list -> List.of(list.split(","))).orElse(List.of(settings.references()))
                .stream().map(String::trim).filter(r -> !r.isEmpty()).toList();
        Extras extras = new Extras(priorSources, curves, validationCurves);
        Report report = Report.write(plan, rows, references, wallS, extras, headrooms);
        out.println();
        out.print(report.table().toText());
        headrooms.lines(report.table()).forEach(out::println);
        for (var source : priorSources.entrySet()) {
            out.println("  priors of " + source.getKey() + ": " + source.getValue());
        }
        for (Convergence convergence : Convergence.of(extras)) {
            out.printf("  %s converged (95%% of its final %s) after %d training episodes%n", convergence.policy(),
                    convergence.basis(), convergence.episodes());
        }
        out.println();
        report.robustness().ifPresent(robustness -> {
            out.println(ResultTable.ROBUSTNESS_TITLE + ":");
            out.print(robustness.toText());
            headrooms.lines(robustness).forEach(out::println);
            out.println();
        });
        for (String reference : report.comparisons().stream().map(Comparison::reference).distinct().toList()) {
            out.println("Success rate difference in points, paired by seed (95% CI):");
            out.print(report.table().comparisonText(report.comparisons(), reference));
            report.robustness().ifPresent(robustness -> {
                out.println();
                out.print(robustness.comparisonText(report.comparisons(), reference));
            });
            out.println();
        }
        List<RunRow> failed = rows.stream().filter(r -> !r.ok()).toList();
        for (RunRow row : failed) {
            context.err().printf("FAILED %s on %s seed %d: %s%n", row.policy(), row.scenario(), row.seed(),
                    row.error());
        }
        out.printf("%d runs in %.1f s%s%n", rows.size(), wallS, failed.isEmpty() ? "" : ", " + failed.size()
                + " failed");
        out.println("Results: " + plan.out().resolve(Report.JSON).toAbsolutePath().normalize());
        if (report.chartError().isEmpty()) {
            out.println("Report:  " + report.html().toAbsolutePath().normalize());
        } else {
            context.err().println("The charts could not be drawn (" + report.chartError()
                    + "); results.json and results.csv are complete.");
            return 1;
        }
        return failed.isEmpty() ? 0 : 1;
    }

    private static RunRow run(ParallelRuns.Job job, ExperimentPlan plan, PriorWiring wiring) {
        OffloadingPolicy policy = plan.policies().get(job.policy());
        Runner runner = wiring.runner(job.scenario(), policy, job.seed());
        if (plan.episodes() > 0) {
            runner.episodes(plan.episodes());
        }
        return RunRow.ok(runner.run());
    }

    /**
     * What the report shows beyond the runs: which provider produced each prior-consuming policy's priors, the
     * training and validation curves of learned policies (a validation curve has at least two points, else it shows
     * no convergence).
     */
    record Extras(Map<String, String> priorSources, Map<String, List<CurvePoint>> curves,
                  Map<String, List<CurvePoint>> validationCurves) {
    }

    /**
     * When a learned policy reached 95% of its final success rate, and on what: its validation curve where it has
     * one, since fixed validation episodes with greedy actions are not blurred by the training episodes' draw;
     * otherwise its training curve.
     *
     * @param policy   the learned policy
     * @param basis    what the 95% are of, e.g. "training success rate"
     * @param episodes the training episode from which the smoothed rate stays there
     */
    record Convergence(String policy, String basis, int episodes) {

        static List<Convergence> of(Extras extras) {
            List<String> policies = new ArrayList<>(extras.curves().keySet());
            extras.validationCurves().keySet().stream().filter(p -> !policies.contains(p)).forEach(policies::add);
            List<Convergence> all = new ArrayList<>();
            for (String policy : policies) {
                List<CurvePoint> validation = extras.validationCurves().get(policy);
                if (validation != null) {
                    int every = validation.get(1).episode() - validation.get(0).episode();
                    all.add(new Convergence(policy, "validation success rate, fixed validation episodes every "
                            + every + " training episodes", CurvePoint.episodesToReach(validation, 0.95, 3)));
                } else {
                    all.add(new Convergence(policy, "training success rate",
                            CurvePoint.episodesToReach(extras.curves().get(policy), 0.95, 10)));
                }
            }
            return all;
        }
    }
}
