package org.ledrl.prior.ollama.internal;

import org.ledrl.api.health.BoundedBuffers;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.prior.AnswerCache;
import org.ledrl.prior.InspectablePriorProvider;
import org.ledrl.prior.LlmEndpoint;
import org.ledrl.prior.LlmPriorProvider;
import org.ledrl.prior.LlmProviderSupport;
import org.ledrl.prior.ProviderName;
import org.ledrl.prior.heuristic.HeuristicPrior;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ollama} prior provider: asks a model served by Ollama (Qwen3-4B by default) through
 * {@link OllamaChatClient}, with the shared guard (validation, one retry, fallback to the last valid
 * or the heuristic prior), the operator's templates and the record/replay cache.
 */
@Component(service = {PriorProvider.class, InspectablePriorProvider.class, BoundedBuffers.class}, configurationPid = OllamaPriorProvider.PID)
@ProviderName(OllamaPriorProvider.NAME)
@Designate(ocd = OllamaPriorProvider.Config.class)
public final class OllamaPriorProvider extends LlmPriorProvider {

    static final String NAME = "ollama";
    static final String PID = "org.ledrl.prior.ollama";
    private static final Logger LOG = LoggerFactory.getLogger(OllamaPriorProvider.class);

    @ObjectClassDefinition(name = "LeDRL prior provider: Ollama",
            description = "Strategy priors from a model served by Ollama, e.g. qwen3:4b next to the edge nodes.")
    public @interface Config {
        @AttributeDefinition(name = "Base URL", description = "Ollama's address.")
        String base_url() default "http://localhost:11434";

        @AttributeDefinition(name = "Model", description = "Model name as Ollama knows it (ollama list).")
        String model() default "qwen3:4b";

        @AttributeDefinition(name = "Temperature", description = "Sampling temperature, 0 to 2; low keeps advice steady.")
        double temperature() default 0.2;

        @AttributeDefinition(name = "Timeout (s)", description = "Longest wait for one answer.", min = "1")
        int timeout_seconds() default 60;

        @AttributeDefinition(name = "Keep alive (s)", description = "How long Ollama keeps the model loaded after a request; -1 for ever, 0 to unload at once.")
        int keep_alive_seconds() default 600;

        @AttributeDefinition(name = "Thinking", description = "Let a reasoning model think before answering (slower; off by default).")
        boolean think() default false;

        @AttributeDefinition(name = "Streaming", description = "Receive the answer as a stream of chunks.")
        boolean stream() default false;

        @AttributeDefinition(name = "Context tokens", description = "Context window to ask for (num_ctx); 0 keeps the server's default.", min = "0")
        int context_tokens() default 0;

        @AttributeDefinition(name = "Concurrent requests", description = "Requests sent to the server at once.", min = "1")
        int concurrency() default 2;

        @AttributeDefinition(name = "Last valid prior max age (s)", description = "How old a node's last valid prior may be to stand in for a failed answer; older, the heuristic prior is used.", min = "0")
        int fallback_max_age_seconds() default 60;

        @AttributeDefinition(name = "Templates folder", description = "Prompt templates that replace the built-in ones; relative to the installation's home.")
        String templates_dir() default "conf/templates";

        @AttributeDefinition(name = "Answer cache mode", description = "off, record (store every answer), replay (answer only from the file) or auto (replay where possible, else ask and record).",
                options = {@Option(label = "off", value = "off"), @Option(label = "record", value = "record"),
                        @Option(label = "replay", value = "replay"), @Option(label = "auto", value = "auto")})
        String cache_mode() default "off";

        @AttributeDefinition(name = "Answer cache file", description = "Where answers are recorded; relative to the installation's home.")
        String cache_file() default "data/prior-answers-ollama.jsonl";

        @AttributeDefinition(name = "Answer cache entries", description = "Most answers the cache keeps, in memory and in its file; once full, further answers are counted, not recorded.", min = "1")
        int cache_max_entries() default AnswerCache.DEFAULT_MAX_ENTRIES;

        @AttributeDefinition(name = "Log requests", description = "Log every request and answer (debugging).", type = AttributeType.BOOLEAN)
        boolean log_requests() default false;
    }

    @Activate
    void activate(Config c, BundleContext context) {
        LlmEndpoint endpoint = LlmEndpoint.checked(PID, c.base_url(), c.model(), c.temperature(), c.timeout_seconds(),
                c.think(), c.stream(), c.log_requests());
        LlmProviderSupport.require(PID, c.context_tokens() >= 0, "context.tokens", c.context_tokens(), "0 or more");
        start(LlmProviderSupport.configured(PID, NAME, context, c.templates_dir(), c.cache_mode(), c.cache_file(),
                        c.cache_max_entries(), c.fallback_max_age_seconds(), c.concurrency(), HeuristicPrior::of),
                endpoint, e -> new OllamaChatClient(e, c.keep_alive_seconds(), c.context_tokens()));
        LOG.info("Ollama prior provider: {}", describe());
    }

    @Deactivate
    void deactivate() {
        stop();
    }
}
