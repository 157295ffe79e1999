package org.ledrl.prior.openai.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.prior.PromptContext;
import org.ledrl.prior.CacheMode;
import org.ledrl.prior.Consultation;
import org.ledrl.prior.GuardedPriorProvider;
import org.ledrl.prior.Home;
import org.ledrl.prior.InspectablePriorProvider;
import org.ledrl.prior.LlmProviderSupport;
import org.ledrl.prior.ProviderName;
import org.ledrl.prior.RejectionCounts;
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
@Component(service = {PriorProvider.class, InspectablePriorProvider.class}, configurationPid = OpenAiPriorProvider.PID)
@ProviderName(OpenAiPriorProvider.NAME)
@Designate(ocd = OpenAiPriorProvider.Config.class)
public final class OpenAiPriorProvider implements InspectablePriorProvider {

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

        @AttributeDefinition(name = "API key", description = "Sent as 'Authorization: Bearer'; leave empty for a server without keys or to use the environment variable.", type = AttributeType.PASSWORD)
        String api_key() default "";

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

        @AttributeDefinition(name = "Log requests", description = "Log answers, and requests when no API key is set (debugging).")
        boolean log_requests() default false;
    }

    private OpenAiChatClient.Settings settings;
    private LlmProviderSupport support;
    private OpenAiChatClient client;
    private GuardedPriorProvider guarded;

    @Activate
    void activate(Config config, BundleContext context) {
        start(config, context, System::getenv);
    }

    /** What activation does, with the environment given (tests). */
    void start(Config config, BundleContext context, UnaryOperator<String> environment) {
        settings = settings(config, environment);
        CacheMode cacheMode;
        try {
            cacheMode = CacheMode.parse(config.cache_mode());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration " + PID + ": cache.mode: " + e.getMessage(), e);
        }
        require(config.concurrency() >= 1, "concurrency", config.concurrency(), "at least 1");
        require(config.fallback_max_age_seconds() >= 0, "fallback.max.age.seconds", config.fallback_max_age_seconds(),
                "0 or more");
        support = new LlmProviderSupport(NAME, Home.resolve(context, config.templates_dir()), cacheMode,
                Home.resolve(context, config.cache_file()), Duration.ofSeconds(config.fallback_max_age_seconds()),
                config.concurrency(), HeuristicPrior::of);
        client = new OpenAiChatClient(settings);
        guarded = support.guard(client);
        LOG.info("OpenAI-compatible prior provider: {}", describe());
    }

    @Deactivate
    void deactivate() {
        support.close();
    }

    static OpenAiChatClient.Settings settings(Config c, UnaryOperator<String> environment) {
        String url = c.base_url().strip();
        try {
            URI uri = URI.create(url);
            require(uri.getScheme() != null && uri.getScheme().startsWith("http") && uri.getHost() != null,
                    "base.url", url, "an http(s) URL");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration " + PID + ": base.url '" + url + "' is not a URL", e);
        }
        require(!c.model().isBlank(), "model", c.model(), "a model name");
        require(c.temperature() >= 0 && c.temperature() <= 2, "temperature", c.temperature(), "between 0 and 2");
        require(c.timeout_seconds() >= 1, "timeout.seconds", c.timeout_seconds(), "at least 1");
        require(c.max_tokens() >= 0, "max.tokens", c.max_tokens(), "0 or more");
        String key = c.api_key().strip();
        if (key.isEmpty() && !c.api_key_env().isBlank()) {
            String fromEnvironment = environment.apply(c.api_key_env().strip());
            key = fromEnvironment == null ? "" : fromEnvironment.strip();
        }
        return new OpenAiChatClient.Settings(url, c.model().strip(), key.isEmpty() ? null : key, c.temperature(),
                Duration.ofSeconds(c.timeout_seconds()), c.think(), c.thinking_switch(), c.stream(), c.max_tokens(),
                c.log_requests());
    }

    private static void require(boolean ok, String key, Object value, String what) {
        if (!ok) {
            throw new IllegalArgumentException("configuration " + PID + ": " + key + " must be " + what + ", not '"
                    + value + "'");
        }
    }

    @Override
    public String name() {
        return NAME;
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
        return "openai-compatible " + settings.url() + " model " + settings.model() + ", API key "
                + (settings.apiKey() == null ? "none" : "set") + ", temperature " + settings.temperature()
                + ", thinking " + (settings.think() ? "on" : "off") + (settings.stream() ? ", streaming" : "")
                + ", timeout " + settings.timeout().toSeconds() + " s, " + support.describeCache();
    }

    @Override
    public String checkServer() {
        return client.checkServer();
    }

    @Override
    public InspectablePriorProvider withEndpoint(Optional<String> url, Optional<String> model) {
        OpenAiChatClient.Settings s = settings;
        OpenAiChatClient.Settings changed = new OpenAiChatClient.Settings(url.orElse(s.url()), model.orElse(s.model()),
                s.apiKey(), s.temperature(), s.timeout(), s.think(), s.thinkingSwitch(), s.stream(), s.maxTokens(),
                s.logRequests());
        OpenAiPriorProvider copy = new OpenAiPriorProvider();
        copy.settings = changed;
        copy.support = support;
        copy.client = new OpenAiChatClient(changed);
        copy.guarded = support.guard(copy.client);
        return copy;
    }

    @Override
    public RejectionCounts rejections() {
        return support.rejections();
    }
}
