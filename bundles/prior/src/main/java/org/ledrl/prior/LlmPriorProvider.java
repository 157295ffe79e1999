package org.ledrl.prior;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.ledrl.api.health.BoundedBuffers;
import org.ledrl.api.health.BufferStatus;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.prior.PromptContext;

/**
 * The base of the LLM prior provider components: the guarded consult and propose path, the server
 * check, the description, the rejection counts and the copy for another endpoint. A subclass is the
 * DS component: its activate method checks its own configuration and calls {@link #start}, its
 * deactivate method calls {@link #stop}. It reports its answer cache as {@link BoundedBuffers} (list that
 * service in the component's services).
 */
public abstract class LlmPriorProvider implements InspectablePriorProvider, BoundedBuffers {

    private LlmProviderSupport support;
    private Function<LlmEndpoint, LlmChatClient> clients;
    private LlmChatClient client;
    private GuardedPriorProvider guarded;

    /**
     * Starts asking the server {@code endpoint} through the client {@code clients} makes for it (the
     * same function makes the clients of {@link #withEndpoint} copies).
     */
    protected final void start(LlmProviderSupport support, LlmEndpoint endpoint,
                               Function<LlmEndpoint, LlmChatClient> clients) {
        this.support = support;
        this.clients = clients;
        this.client = clients.apply(endpoint);
        this.guarded = support.guard(client);
    }

    /** Stops the worker threads (copies share them with this provider). */
    protected final void stop() {
        support.close();
    }

    @Override
    public String name() {
        return guarded.name();
    }

    @Override
    public CompletionStage<StrategyPrior> propose(PromptContext context) {
        return guarded.propose(context);
    }

    @Override
    public Consultation consult(PromptContext context) {
        return guarded.consult(context);
    }

    @Override
    public String describe() {
        return client.describe() + ", " + support.describeCache();
    }

    @Override
    public String checkServer() {
        return client.checkServer();
    }

    @Override
    public InspectablePriorProvider withEndpoint(Optional<String> url, Optional<String> model) {
        LlmPriorProvider copy = new LlmPriorProvider() { };
        copy.start(support, client.endpoint().with(url, model), clients);
        return copy;
    }

    @Override
    public RejectionCounts rejections() {
        return support.rejections();
    }

    @Override
    public List<BufferStatus> buffers() {
        return support.buffers();
    }
}
