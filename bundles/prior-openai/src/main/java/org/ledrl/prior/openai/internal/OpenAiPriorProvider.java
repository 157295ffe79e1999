package org.ledrl.prior.openai.internal;

import java.util.function.UnaryOperator;
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
 * The {@code openai} prior provider: any OpenAI-compatible chat endpoint (llama.cpp's server, vLLM,
 * LM Studio) through {@link OpenAiChatClient}, with the shared guard, templates and answer cache. The
 * API key comes from the configuration or, when that is empty, from an environment variable; it is
 * sent only as the Authorization header and never logged.
 */
@Component(service = {PriorProvider.class, InspectablePriorProvider.class, BoundedBuffers.class}, configurationPid = OpenAiPriorProvider.PID)
@ProviderName(OpenAiPriorProvider.NAME)
@Designate(ocd = OpenAiPriorProvider.Config.class)
public final class OpenAiPriorProvider extends LlmPriorProvider {

    static final String NAME = "openai";
    static final String PID = "org.ledrl.prior.openai";
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiPriorProvider.class);

    @ObjectClassDefinition(name = "LeDRL prior provider: OpenAI-compatible",
            description = "Strategy priors from an OpenAI-compatible chat endpoint: llama.cpp server, vLLM, LM Studio.")
    public @interface Config {
        @AttributeDefinition(name = "Base URL", description = "The endpoint's base, up to and including /v1.")
        String base_url() default "http://localhost:8080/v1";

        @AttributeDefinition(name = "Model", description = "Model name as the server knows it (GET /v1/models).")
        String model() default "qwen3-4b";

        // private (leading dot): never published as a service property, where the console would show it
        @AttributeDefinition(name = "API key", description = "Sent as 'Authorization: Bearer'; leave empty for a server without keys or to use the environment variable.", type = AttributeType.PASSWORD)
        String _api_key() default "";

        @AttributeDefinition(name = "API key variable", description = "Environment variable holding the API key, used when the key above is empty.")
        String api_key_env() default "LEDRL_OPENAI_API_KEY";

        @AttributeDefinition(name = "Temperature", description = "Sampling temperature, 0 to 2; low keeps advice steady.")
        double temperature() default 0.2;

        @AttributeDefinition(name = "Max tokens", description = "Longest answer in tokens; 0 leaves it to the server.", min = "0")
        int max_tokens() default 512;

        @AttributeDefinition(name = "Timeout (s)", description = "Longest wait for one answer.", min = "1")
        int timeout_seconds() default 60;

        @AttributeDefinition(name = "Thinking", description = "Let a reasoning model think before answering (slower; off by default).")
        boolean think() default false;

        @AttributeDefinition(name = "Send thinking switch", description = "Send chat_template_kwargs.enable_thinking (vLLM, llama.cpp server with Qwen3 templates); turn off for servers that reject unknown fields.")
        boolean thinking_switch() default true;

        @AttributeDefinition(name = "Streaming", description = "Receive the answer as server-sent events.")
        boolean stream() default false;

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
        String cache_file() default "data/prior-answers-openai.jsonl";

        @AttributeDefinition(name = "Answer cache entries", description = "Most answers the cache keeps, in memory and in its file; once full, further answers are counted, not recorded.", min = "1")
        int cache_max_entries() default AnswerCache.DEFAULT_MAX_ENTRIES;

        @AttributeDefinition(name = "Log requests", description = "Log answers, and requests when no API key is set (debugging).")
        boolean log_requests() default false;
    }

    @Activate
    void activate(Config config, BundleContext context) {
        start(config, context, System::getenv);
    }

    /** What activation does, with the environment given (tests). */
    void start(Config c, BundleContext context, UnaryOperator<String> environment) {
        LlmEndpoint endpoint = LlmEndpoint.checked(PID, c.base_url(), c.model(), c.temperature(), c.timeout_seconds(),
                c.think(), c.stream(), c.log_requests());
        LlmProviderSupport.require(PID, c.max_tokens() >= 0, "max.tokens", c.max_tokens(), "0 or more");
        String key = apiKey(c, environment);
        start(LlmProviderSupport.configured(PID, NAME, context, c.templates_dir(), c.cache_mode(), c.cache_file(),
                        c.cache_max_entries(), c.fallback_max_age_seconds(), c.concurrency(), HeuristicPrior::of),
                endpoint, e -> new OpenAiChatClient(e, key, c.thinking_switch(), c.max_tokens()));
        LOG.info("OpenAI-compatible prior provider: {}", describe());
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    /** The configured key, else the one in the environment variable; null when there is none. */
    private static String apiKey(Config c, UnaryOperator<String> environment) {
        String key = c._api_key().strip();
        if (key.isEmpty() && !c.api_key_env().isBlank()) {
            String fromEnvironment = environment.apply(c.api_key_env().strip());
            key = fromEnvironment == null ? "" : fromEnvironment.strip();
        }
        return key.isEmpty() ? null : key;
    }
}
