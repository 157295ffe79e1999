package org.ledrl.prior;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.prior.PromptContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where an LLM's answer becomes a prior: renders the prompt, asks the
 * {@link ChatClient}, validates the answer ({@link PriorValidator}), retries once with the error fed
 * back, and otherwise falls back to the node's last valid prior (when it is young enough) or to the
 * deterministic fallback (the heuristic). Every rejection is logged with its reason and counted.
 * Nothing here throws into the caller: {@link #propose} always completes normally.
 *
 * <p>LLM provider components build one around their {@link ChatClient}. Thread-safe.
 */
public final class GuardedPriorProvider implements PriorProvider {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedPriorProvider.class);

    private final String name;
    private final ChatClient client;
    private final Supplier<PromptBuilder> prompts;
    private final Function<PromptContext, StrategyPrior> fallback;
    private final long lastValidMaxAgeMillis;
    private final Executor executor;
    private final RejectionCounts rejections;
    private final Map<Integer, StrategyPrior> lastValid = new ConcurrentHashMap<>();

    /**
     * @param name           the provider's name, for logs
     * @param client         the server
     * @param prompts        the templates in use now (e.g. {@link TemplateFolder#current()})
     * @param fallback       the prior to use when the LLM gives none; must not throw (the heuristic)
     * @param lastValidMaxAge how old the node's last valid prior may be to stand in for a failed answer
     * @param executor       where {@link #propose} runs the (blocking) consultation
     * @param rejections     where rejections are counted (shared with copies of this provider)
     */
    public GuardedPriorProvider(String name, ChatClient client, Supplier<PromptBuilder> prompts,
                                Function<PromptContext, StrategyPrior> fallback, Duration lastValidMaxAge,
                                Executor executor, RejectionCounts rejections) {
        this.name = name;
        this.client = Objects.requireNonNull(client);
        this.prompts = Objects.requireNonNull(prompts);
        this.fallback = Objects.requireNonNull(fallback);
        this.lastValidMaxAgeMillis = lastValidMaxAge.toMillis();
        this.executor = Objects.requireNonNull(executor);
        this.rejections = Objects.requireNonNull(rejections);
    }

    @Override
    public String name() {
        return name;
    }

    public String model() {
        return client.model();
    }

    public RejectionCounts rejections() {
        return rejections;
    }

    /** Runs {@link #consult} on the executor; completes with the resulting prior, never exceptionally. */
    @Override
    public CompletionStage<StrategyPrior> propose(PromptContext context) {
        CompletableFuture<StrategyPrior> result = new CompletableFuture<>();
        try {
            executor.execute(() -> result.complete(consult(context).prior()));
        } catch (RuntimeException rejected) {
            // the executor is shut down or full: answer without the LLM rather than fail
            result.complete(safeFallback(context));
        }
        return result;
    }

    /** Asks the LLM (with one retry), synchronously, and reports every step. Never throws. */
    public Consultation consult(PromptContext context) {
        long start = System.nanoTime();
        Observation obs = context.observation();
        Prompt prompt;
        try {
            prompt = prompts.get().render(context);
        } catch (RuntimeException e) {
            LOG.error("Provider {}: the prompt for node {} cannot be rendered, using the fallback: {}", name,
                    obs.agent(), e.getMessage());
            return new Consultation(new Prompt("", ""), List.of(), safeFallback(context),
                    Consultation.Source.FALLBACK, System.nanoTime() - start);
        }
        String schema = PriorSchema.forObservation(obs);
        List<ChatTurn> conversation = new ArrayList<>(List.of(ChatTurn.system(prompt.system()),
                ChatTurn.user(prompt.user())));
        List<Consultation.Attempt> attempts = new ArrayList<>();

        Consultation.Attempt first = attempt(conversation, prompt.user(), schema, obs);
        attempts.add(first);
        Verdict verdict = first.verdict();
        if (!verdict.isAccepted() && verdict.reason().isAnswerProblem()) {
            String retry = prompts.get().retryMessage(obs, verdict.detail());
            conversation.add(ChatTurn.assistant(first.answer()));
            conversation.add(ChatTurn.user(retry));
            Consultation.Attempt second = attempt(conversation, retry, schema, obs);
            attempts.add(second);
            verdict = second.verdict();
        }
        if (verdict.isAccepted()) {
            lastValid.put(obs.agent(), verdict.prior());
            return new Consultation(prompt, attempts, verdict.prior(), Consultation.Source.LLM,
                    System.nanoTime() - start);
        }
        StrategyPrior previous = lastValid.get(obs.agent());
        if (previous != null && obs.timeMillis() - previous.issuedMillis() <= lastValidMaxAgeMillis) {
            return new Consultation(prompt, attempts, previous, Consultation.Source.LAST_VALID,
                    System.nanoTime() - start);
        }
        return new Consultation(prompt, attempts, safeFallback(context), Consultation.Source.FALLBACK,
                System.nanoTime() - start);
    }

    private Consultation.Attempt attempt(List<ChatTurn> conversation, String request, String schema,
                                         Observation obs) {
        long start = System.nanoTime();
        String answer = "";
        Verdict verdict;
        try {
            answer = client.complete(List.copyOf(conversation), schema);
            verdict = PriorValidator.validate(answer, obs, client.model(), obs.timeMillis());
        } catch (ChatFailure f) {
            verdict = Verdict.rejected(obs.agent(), f.reason(), f.getMessage());
        } catch (RuntimeException e) {
            ChatFailure f = ChatFailure.of(e, name);
            verdict = Verdict.rejected(obs.agent(), f.reason(), f.getMessage());
        }
        if (!verdict.isAccepted()) {
            rejections.add(verdict.reason());
            LOG.warn("Provider {} ({}): answer for node {} rejected, {}: {}", name, client.model(), obs.agent(),
                    verdict.reason(), verdict.detail());
        }
        return new Consultation.Attempt(request, answer, verdict, System.nanoTime() - start);
    }

    private StrategyPrior safeFallback(PromptContext context) {
        try {
            return fallback.apply(context);
        } catch (RuntimeException e) {
            LOG.error("Provider {}: the fallback prior failed too, no advice for node {}", name,
                    context.observation().agent(), e);
            return StrategyPrior.none(context.observation().agent());
        }
    }
}
