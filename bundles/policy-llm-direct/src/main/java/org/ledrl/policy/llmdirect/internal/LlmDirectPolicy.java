package org.ledrl.policy.llmdirect.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.NodePreference;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PolicyName;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.prior.PromptContext;
import org.ledrl.api.policy.PriorConsumer;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paper's LLM-only baseline: for every task it asks the prior provider (an LLM) on the decision path and sends
 * the task to the available candidate the answer prefers most (not avoided first). Its decision time is the LLM's
 * answer time, which is the point of having it: it shows what LeDRL saves by keeping the LLM off the path. Without
 * an answer in time, or without the configured provider, the task stays on the agent's node.
 */
@Component(service = OffloadingPolicy.class, configurationPid = LlmDirectPolicy.PID, immediate = true)
@PolicyName(LlmDirectPolicy.NAME)
@Designate(ocd = LlmDirectPolicy.Config.class)
public final class LlmDirectPolicy implements PriorConsumer {

    static final String NAME = "llm-direct";
    static final String PID = "org.ledrl.policy.llmdirect";
    private static final Logger LOG = LoggerFactory.getLogger(LlmDirectPolicy.class);

    @ObjectClassDefinition(name = "LLM-direct policy",
            description = "Asks the LLM for every decision, on the decision path (the paper's LLM-only baseline).")
    public @interface Config {
        @AttributeDefinition(name = "Provider", description = "provider.name of the prior provider to ask.")
        String provider() default "ollama";

        @AttributeDefinition(name = "Answer timeout (ms)", min = "1",
                description = "How long a decision waits for the provider; then the task stays local.")
        long timeoutMillis() default 30_000;
    }

    private final List<PriorProvider> providers = new CopyOnWriteArrayList<>();
    private final PriorProvider fixed;
    private volatile Config config;

    @Activate
    public LlmDirectPolicy(Config config) {
        this(config, null);
    }

    private LlmDirectPolicy(Config config, PriorProvider fixed) {
        this.config = config;
        this.fixed = fixed;
    }

    @Modified
    void modified(Config changed) {
        config = changed;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(PriorProvider provider) {
        providers.add(provider);
    }

    void removeProvider(PriorProvider provider) {
        providers.remove(provider);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PriorNeeds priorNeeds() {
        return new PriorNeeds(Source.LLM, false, true);
    }

    /** A copy that asks {@code provider} (the experiment's choice) instead of the configured one. */
    @Override
    public OffloadingPolicy forRun(long seed, PriorProvider provider) {
        return new LlmDirectPolicy(config, provider);
    }

    /** The provider asked now: the run's, else the configured one if installed. */
    Optional<PriorProvider> provider() {
        if (fixed != null) {
            return Optional.of(fixed);
        }
        String wanted = config.provider();
        return providers.stream().filter(p -> p.name().equals(wanted)).findFirst();
    }

    @Override
    public Decision decide(Observation observation, StrategyPrior boardPrior) {
        Optional<PriorProvider> provider = provider();
        if (provider.isEmpty()) {
            return Decision.of(observation.agent(), NAME);
        }
        StrategyPrior answer;
        try {
            answer = provider.get().propose(new PromptContext(observation, PromptContext.Trend.empty(), List.of()))
                    .toCompletableFuture().get(config.timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("llm-direct: no answer from {} for node {}: {}", provider.get().name(), observation.agent(),
                    e.toString());
            return Decision.of(observation.agent(), NAME);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Decision.of(observation.agent(), NAME);
        }
        return new Decision(pick(observation, answer), NAME, scores(observation, answer));
    }

    /** The available candidate the prior prefers most, not-avoided ones first; the agent's node when none is up. */
    static int pick(Observation observation, StrategyPrior prior) {
        Candidate best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Candidate c : observation.candidates()) {
            if (!c.available()) {
                continue;
            }
            NodePreference p = prior.preferenceFor(c.node());
            double score = p.preference() - (p.avoid() ? 2 : 0);
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best == null ? observation.agent() : best.node();
    }

    private static double[] scores(Observation observation, StrategyPrior prior) {
        double[] scores = new double[observation.candidates().size()];
        for (int i = 0; i < scores.length; i++) {
            NodePreference p = prior.preferenceFor(observation.candidates().get(i).node());
            scores[i] = p.preference() - (p.avoid() ? 2 : 0);
        }
        return scores;
    }
}
