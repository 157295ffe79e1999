package org.ledrl.prior.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.ledrl.api.command.Arguments;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.env.Slot;
import org.ledrl.api.eval.ReflectiveMemory;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.NodePreference;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.prior.PromptContext;
import org.ledrl.prior.Consultation;
import org.ledrl.prior.InspectablePriorProvider;
import org.ledrl.prior.Prompt;
import org.ledrl.prior.PromptBuilder;
import org.ledrl.prior.ProviderName;
import org.ledrl.prior.RefreshPolicy;
import org.ledrl.prior.RefreshingPriorBoard;
import org.ledrl.prior.TemplateException;
import org.ledrl.sim.Runner;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.ScenarioException;
import org.ledrl.sim.Scenarios;
import org.ledrl.sim.Simulation;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code ledrl prior}: builds the prompt for one node at one slot of a simulated scenario, asks a
 * provider once and prints the prompt, the raw answers, the validated prior (or why it was rejected)
 * and the time taken, so that an operator can check an LLM set-up before using it.
 *
 * <p>The simulator runs the scenario's first episode up to the slot with every task kept where it
 * arrived (a policy-free, reproducible load). Exit status 0 when the provider's own answer was
 * accepted, 1 when it fell back (the reasons are printed), 2 for a usage error.
 */
@Component(service = CliCommand.class)
public final class PriorCommand implements CliCommand {

    private static final List<String> VALUED = List.of("provider", "url", "model", "scenario", "set", "node", "slot");
    private static final long PLAIN_PROVIDER_TIMEOUT_SECONDS = 300;

    private final Map<ServiceReference<PriorProvider>, PriorProvider> providers = new ConcurrentSkipListMap<>();
    private volatile ReflectiveMemory memory;

    @Reference(service = PriorProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(ServiceReference<PriorProvider> reference, PriorProvider provider) {
        providers.put(reference, provider);
    }

    void removeProvider(ServiceReference<PriorProvider> reference) {
        providers.remove(reference);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setMemory(ReflectiveMemory memory) {
        this.memory = memory;
    }

    void unsetMemory(ReflectiveMemory memory) {
        if (this.memory == memory) {
            this.memory = null;
        }
    }

    @Override
    public String name() {
        return "prior";
    }

    @Override
    public String summary() {
        return "ask a prior provider once about a simulated situation and show prompt, answer and prior";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "ledrl prior --provider NAME [--url U] [--model M] --scenario FILE [--set key=value]...",
                "            [--node N] [--slot S]",
                "  --provider NAME  an installed prior provider: heuristic, ollama, openai, ...",
                "  --url U          ask this server instead of the configured one (LLM providers)",
                "  --model M        ask this model instead of the configured one (LLM providers)",
                "  --scenario FILE  scenario YAML; relative paths are looked up in the working directory,",
                "                   then in <home>/conf/scenarios/ (the .yaml ending may be left out)",
                "  --set key=value  override a scenario key (repeatable)",
                "  --node N         the node that asks (default: the first node with a task in that slot)",
                "  --slot S         run the simulator to slot S of the first episode (default 10)",
                "Templates come from <home>/conf/templates/ where present. Exit status: 0 when the",
                "provider's own answer was accepted, 1 when it fell back, 2 for a usage error.");
    }

    @Override
    public int run(List<String> args, CommandContext context) throws Exception {
        PrintStream out = context.out();
        PrintStream err = context.err();
        Arguments arguments;
        Scenario scenario;
        PriorProvider provider;
        int slotIndex;
        Optional<Integer> node;
        try {
            arguments = Arguments.parse(args, VALUED, List.of());
            String name = arguments.required("provider");
            provider = find(name).orElse(null);
            if (provider == null) {
                err.println("prior: no prior provider named '" + name + "' is installed; installed: " + installed());
                return 2;
            }
            Optional<String> url = arguments.value("url");
            Optional<String> model = arguments.value("model");
            if (url.isPresent() || model.isPresent()) {
                if (!(provider instanceof InspectablePriorProvider inspectable)) {
                    throw new Arguments.UsageException("provider '" + name + "' has no server: --url and --model do not apply");
                }
                provider = inspectable.withEndpoint(url, model);
            }
            scenario = Scenarios.load(Scenarios.find(arguments.required("scenario"), context.home()),
                    arguments.values("set"));
            slotIndex = arguments.intValue("slot", 10);
            if (slotIndex < 0 || slotIndex >= scenario.slots()) {
                throw new Arguments.UsageException("option --slot must be between 0 and " + (scenario.slots() - 1)
                        + " (the scenario's slots), not " + slotIndex);
            }
            node = arguments.value("node").isPresent() ? Optional.of(arguments.intValue("node", 0)) : Optional.empty();
            if (node.isPresent() && (node.get() < 0 || node.get() >= scenario.topology().nodes())) {
                throw new Arguments.UsageException("option --node must be between 0 and "
                        + (scenario.topology().nodes() - 1) + ", not " + node.get());
            }
        } catch (Arguments.UsageException e) {
            err.println("prior: " + e.getMessage());
            err.println(usage());
            return 2;
        } catch (ScenarioException e) {
            err.println("prior: bad scenario: " + e.getMessage());
            return 2;
        }

        PromptBuilder templates;
        Path templatesFolder = context.home().resolve("conf/templates");
        try {
            templates = PromptBuilder.load(Files.isDirectory(templatesFolder) ? templatesFolder : null);
        } catch (TemplateException e) {
            err.println("prior: bad prompt template: " + e.getMessage());
            return 2;
        }

        Optional<Situation> found = simulate(scenario, slotIndex, node);
        if (found.isEmpty()) {
            err.println("prior: the episode ended before " + node.map(n -> "node " + n).orElse("any node")
                    + " had a task at or after slot " + slotIndex);
            return 1;
        }
        Situation situation = found.get();
        if (situation.slot > slotIndex) {
            out.println("note: no task at " + node.map(n -> "node " + n).orElse("any node") + " in slot " + slotIndex
                    + "; using slot " + situation.slot + ", the next one with a task there");
        }
        Observation obs = situation.context.observation();
        out.printf(Locale.ROOT, "scenario %s, seed %d, slot %d (t = %.1f s), node %d, %d candidates%n",
                scenario.name(), scenario.seed(), situation.slot, obs.timeMillis() / 1000.0, obs.agent(),
                obs.candidates().size());
        if (provider instanceof InspectablePriorProvider inspectable) {
            return consult(inspectable, situation.context, out);
        }
        return computePlain(provider, templates, situation.context, out, err);
    }

    private int consult(InspectablePriorProvider provider, PromptContext context, PrintStream out) {
        out.println("provider: " + provider.describe());
        out.println("server:   " + provider.checkServer());
        Consultation c = provider.consult(context);
        section(out, "prompt: system");
        out.println(c.prompt().system().strip());
        section(out, "prompt: user");
        out.println(c.prompt().user().strip());
        int n = 0;
        for (Consultation.Attempt attempt : c.attempts()) {
            n++;
            if (n > 1) {
                section(out, "retry message");
                out.println(attempt.request().strip());
            }
            section(out, String.format(Locale.ROOT, "answer %d (%.2f s)", n, attempt.nanos() / 1e9));
            out.println(attempt.answer().isEmpty() ? "(no answer)" : attempt.answer().strip());
            out.println("verdict: " + attempt.verdict());
        }
        section(out, "prior (" + describe(c.source()) + ")");
        print(c.prior(), context.observation().timeMillis(), out);
        out.printf(Locale.ROOT, "time: %.2f s%n", c.elapsedNanos() / 1e9);
        return c.source() == Consultation.Source.LLM ? 0 : 1;
    }

    private static int computePlain(PriorProvider provider, PromptBuilder templates, PromptContext context,
                                    PrintStream out, PrintStream err) throws InterruptedException {
        out.println("provider: " + provider.name() + " (asks no LLM; the prompt below is what an LLM provider would send)");
        Prompt prompt = templates.render(context);
        section(out, "prompt: system");
        out.println(prompt.system().strip());
        section(out, "prompt: user");
        out.println(prompt.user().strip());
        long start = System.nanoTime();
        StrategyPrior prior;
        try {
            prior = provider.propose(context).toCompletableFuture().get(PLAIN_PROVIDER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            err.println("prior: provider " + provider.name() + " gave no prior within " + PLAIN_PROVIDER_TIMEOUT_SECONDS + " s");
            return 1;
        } catch (java.util.concurrent.ExecutionException e) {
            err.println("prior: provider " + provider.name() + " failed: " + e.getCause());
            return 1;
        }
        long nanos = System.nanoTime() - start;
        section(out, "prior (computed)");
        print(prior, context.observation().timeMillis(), out);
        out.printf(Locale.ROOT, "time: %.3f ms%n", nanos / 1e6);
        return prior.isNone() ? 1 : 0;
    }

    private static String describe(Consultation.Source source) {
        return switch (source) {
            case LLM -> "the model's answer, validated";
            case LAST_VALID -> "fallback: the node's last valid prior";
            case FALLBACK -> "fallback: the heuristic prior";
            case COMPUTED -> "computed";
        };
    }

    private static void section(PrintStream out, String title) {
        out.println("=== " + title + " " + "=".repeat(Math.max(3, 60 - title.length())));
    }

    private static void print(StrategyPrior prior, long nowMillis, PrintStream out) {
        if (prior.isNone()) {
            out.println("(none)");
            return;
        }
        out.println("strategy:  " + prior.strategy());
        for (NodePreference p : prior.preferences()) {
            out.printf(Locale.ROOT, "node %-4d preference %.3f%s%n", p.node(), p.preference(), p.avoid() ? "  AVOID" : "");
        }
        out.println("rationale: " + prior.rationale());
        out.println("model:     " + prior.model() + ", age " + prior.ageMillis(nowMillis) + " ms");
    }

    /**
     * What the board would show the provider: the node's observation, trend and lessons at that slot
     * (or the next slot where the node has a task); empty when the episode ends first.
     */
    private Optional<Situation> simulate(Scenario scenario, int slotIndex, Optional<Integer> node) {
        Simulation simulation = new Simulation(scenario);
        ReflectiveMemory m = memory;
        RefreshingPriorBoard history = RefreshingPriorBoard.simulated(NO_PROVIDER, RefreshPolicy.defaults(), m);
        Slot slot = simulation.reset(Runner.episodeSeed(scenario.seed(), 0));
        while (true) {
            slot.outcomes().forEach(history::onOutcome);
            slot.events().forEach(history::onEvent);
            history.advanceTo(slot.timeMillis());
            if (slot.done()) {
                return Optional.empty();
            }
            if (slot.index() >= slotIndex) {
                Optional<Observation> asking = slot.observations().stream()
                        .filter(o -> node.isEmpty() || o.agent() == node.get()).findFirst();
                if (asking.isPresent()) {
                    return Optional.of(new Situation(history.contextFor(asking.get()), slot.index()));
                }
            }
            List<Decision> keepLocal = new ArrayList<>();
            for (Observation o : slot.observations()) {
                keepLocal.add(Decision.of(o.agent(), "local"));
            }
            slot = simulation.step(keepLocal);
        }
    }

    private static final PriorProvider NO_PROVIDER = new PriorProvider() {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public java.util.concurrent.CompletionStage<StrategyPrior> propose(PromptContext context) {
            return java.util.concurrent.CompletableFuture.completedFuture(StrategyPrior.none(context.observation().agent()));
        }
    };

    private record Situation(PromptContext context, int slot) {
    }

    private Optional<PriorProvider> find(String name) {
        PriorProvider found = null;
        for (Map.Entry<ServiceReference<PriorProvider>, PriorProvider> e : providers.entrySet()) {
            if (name.equals(e.getKey().getProperty(ProviderName.PROPERTY))) {
                found = e.getValue(); // ascending ranking: the last match ranks highest
            }
        }
        return Optional.ofNullable(found);
    }

    private String installed() {
        String names = providers.keySet().stream().map(r -> String.valueOf(r.getProperty(ProviderName.PROPERTY)))
                .distinct().sorted().collect(Collectors.joining(", "));
        return names.isEmpty() ? "none" : names;
    }

}
