package org.ledrl.train.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ledrl.api.command.Arguments;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.command.ProgressBar;
import org.ledrl.api.policy.PolicyTrainer;
import org.ledrl.api.policy.TrainingProgress;
import org.ledrl.api.policy.TrainingRequest;
import org.ledrl.api.policy.TrainingResult;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.ScenarioException;
import org.ledrl.sim.Scenarios;
import org.ledrl.sim.Simulation;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code bin/ledrl train}: trains a policy on the simulator with the trainer of the chosen algorithm, showing a
 * progress bar (episode, mean return, success rate, elapsed), and leaves checkpoints, the training curve and the
 * model with its card in the output folder.
 */
@Component(service = CliCommand.class)
public final class TrainCommand implements CliCommand {

    private final List<PolicyTrainer> trainers = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTrainer(PolicyTrainer trainer) {
        trainers.add(trainer);
    }

    void removeTrainer(PolicyTrainer trainer) {
        trainers.remove(trainer);
    }

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train a policy on the simulator and export it to ONNX with a model card";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "train --scenario FILE [--set key=value]... [--vary key=v1,v2]... [--algorithm mappo|ledrl|mappo-prior-mlp]",
                "      [--episodes N] [--seed S]",
                "      --out DIR [--resume] [--hp key=value]...",
                "  --scenario  scenario YAML: as given, else in <home>/conf/scenarios/ (.yaml may be left out)",
                "  --set       override a scenario key, e.g. --set failures.linkRate=0.05",
                "  --vary      train under varied conditions: each episode (and validation episode) runs at one of",
                "              the values, drawn from its seed, e.g. --vary failures.transmissionRate=0,0.1,0.25",
                "              (a key is either fixed by --set or varied, not both)",
                "  --episodes  training episodes (default 3072); each runs on a new topology drawn from its own seed",
                "  --seed      master seed (default 1); evaluate on other seeds",
                "  --out       folder for checkpoint.bin, curve.csv, curve.png, diagnostics.png, model.onnx and",
                "              model-card.json",
                "  --resume    continue the checkpoint in --out (same --seed and --episodes: schedules run over them)",
                "  --hp        trainer setting (see bundles/policy-mappo/README.md for how defaults were chosen):",
                "              envs (episodes side by side per PPO update, default 16), threads (that run them:",
                "              the cores, at most 4; the same model on any number), epochs (4), minibatch (1024),",
                "              shards (2: each minibatch's gradients in parts computed side by side on the cores and",
                "              summed in a fixed order; the same model on any number of cores),",
                "              learningRate (4e-4) and learningRateEnd (a tenth of it), entropy (0.01) and entropyEnd",
                "              (a tenth), clip (0.2), valueCoef (0.5), maxGradNorm (actor, 0.5), criticMaxGradNorm",
                "              (as maxGradNorm), gamma (0.9; 0 judges a decision by its own reward), lambda (0.95),",
                "              valueNorm (true), criticContext (true: the critic sees the time left and the arrivals),",
                "              timeLimit (true: the episode end bootstraps), reward (team, individual or congestion;",
                "              default team), teamWindow (1 slot), congestion (0.1), maxNodes (20), hidden (64), embedding (8),",
                "              dropout (0: on, the update's policy is not the rollout's), checkpointEvery (64),",
                "              validateEvery (256 episodes, 0: off; the greedy actor on fixed validation episodes, also",
                "              before the first: curve.csv column validation_success_rate with its 95% interval),",
                "              validationSeeds (default 101..500), keepBest (default true: the model is the actor",
                "              of the best validation, not of the last episode);",
                "              for ledrl and mappo-prior-mlp also provider (prior provider, default heuristic),",
                "              llmDelayMs (simulated delay of LLM providers, default 700; the heuristic has none",
                "              and is asked at every decision), standIn (true: the heuristic stands in for an LLM",
                "              and gets its delay), refreshSlots (default 10),",
                "              priorNoise (share of episodes with no or misleading priors, default 0.3) and",
                "              reflection (false; true: each episode has a reflective memory whose lessons its",
                "              prompts carry, as a run of ledrl)");
    }

    @Override
    public int run(List<String> args, CommandContext context) throws Exception {
        ScenarioVariation variation;
        PolicyTrainer trainer;
        int episodes;
        long seed;
        Path out;
        Map<String, String> options = new HashMap<>();
        try {
            Arguments a = Arguments.parse(args, List.of("scenario", "set", "vary", "algorithm", "episodes", "seed", "out",
                    "hp"),
                    List.of("resume"));
            String algorithm = a.value("algorithm").orElse("mappo");
            trainer = trainers.stream().filter(t -> t.algorithm().equals(algorithm)).findFirst()
                    .orElseThrow(() -> new Arguments.UsageException("no trainer for algorithm '" + algorithm
                            + "'; installed: " + trainers.stream().map(PolicyTrainer::algorithm).sorted().toList()));
            episodes = a.intValue("episodes", 3072);
            if (episodes < 1) {
                throw new Arguments.UsageException("--episodes must be at least 1, not " + episodes);
            }
            seed = a.longValue("seed", 1);
            out = Path.of(a.required("out"));
            for (String hp : a.values("hp")) {
                int eq = hp.indexOf('=');
                if (eq <= 0) {
                    throw new Arguments.UsageException("--hp needs key=value, not '" + hp + "'");
                }
                options.put(hp.substring(0, eq).trim(), hp.substring(eq + 1).trim());
            }
            if (a.flag("resume")) {
                options.put("resume", "true");
            }
            variation = ScenarioVariation.of(Scenarios.find(a.required("scenario"), context.home()), a.values("set"),
                    a.values("vary"));
        } catch (Arguments.UsageException e) {
            context.err().println(e.getMessage());
            context.err().println(usage());
            return 2;
        } catch (ScenarioException e) {
            context.err().println(e.getMessage());
            return 1;
        }

        Scenario scenario = variation.base();
        String varying = variation.describe();
        String trainedOn = varying.isEmpty() ? scenario.name() : scenario.name() + " varying " + varying;
        TrainingRequest request = new TrainingRequest(s -> new Simulation(variation.apply(s).withSeed(s)), trainedOn,
                episodes, seed, out, options);
        TrainingResult result;
        Progress progress;
        try (ProgressBar bar = new ProgressBar(context, "train " + scenario.name(), episodes)) {
            progress = new Progress(bar);
            result = trainer.train(request, progress);
        } catch (IllegalArgumentException | IllegalStateException e) {
            context.err().println("train: " + e.getMessage());
            return 1;
        }
        context.out().printf(Locale.ROOT, "trained %s on %s for %d episodes (seed %d): success rate %.1f%% in the last "
                        + "training episodes, %.0f decisions/s%n", trainer.algorithm(), trainedOn, result.episodes(),
                seed, 100 * result.finalSuccessRate(), progress.decisionsPerSecond);
        if (!progress.timeShares.isEmpty()) {
            context.out().println("time: " + progress.timeShares);
        }
        context.out().println("model " + result.model() + " (model-card.json says which actor it is), card, curve.csv, "
                + "curve.png and diagnostics.png in " + out);
        return 0;
    }

    /** The progress bar: each episode's figures, and after each update its speed, validation and diagnostics. */
    private static final class Progress implements TrainingProgress, MappoTrainer.UpdateListener {
        private final ProgressBar bar;
        private String update = "";
        private double decisionsPerSecond;
        private String timeShares = "";

        Progress(ProgressBar bar) {
            this.bar = bar;
        }

        @Override
        public void episode(int episode, int total, double meanReturn, double successRate) {
            bar.step(1, String.format(Locale.ROOT, "episode %d  success %.1f%%  %s", episode, 100 * successRate,
                    update));
        }

        @Override
        public void updated(String summary, double decisionsPerSecond, String timeShares) {
            this.update = summary;
            this.decisionsPerSecond = decisionsPerSecond;
            this.timeShares = timeShares;
        }
    }

}
