package org.ledrl.prior.ollama.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ollama} prior provider: asks a model served by Ollama (Qwen3-4B by default) through
 * {@link OllamaChatClient}, with the shared guard (validation, one retry, fallback to the last valid
 * or the heuristic prior), the operator's templates and the record/replay cache.
 */
@Component(service = {PriorProvider.class, InspectablePriorProvider.class}, configurationPid = OllamaPriorProvider.PID)
@ProviderName(OllamaPriorProvider.NAME)
@Designate(ocd = OllamaPriorProvider.Config.class)
public final class OllamaPriorProvider implements InspectablePriorProvider {

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
                options = {
                        @org.osgi.service.metatype.annotations.Option(label = "off", value = "off"),
                        @org.osgi.service.metatype.annotations.Option(label = "record", value = "record"),
                        @org.osgi.service.metatype.annotations.Option(label = "replay", value = "replay"),
                        @org.osgi.service.metatype.annotations.Option(label = "auto", value = "auto")})
        String cache_mode() default "off";

        @AttributeDefinition(name = "Answer cache file", description = "Where answers are recorded; relative to the installation's home.")
        String cache_file() default "data/prior-answers-ollama.jsonl";

        @AttributeDefinition(name = "Log requests", description = "Log every request and answer (debugging).", type = AttributeType.BOOLEAN)
        boolean log_requests() default false;
    }

    private OllamaChatClient.Settings settings;
    private LlmProviderSupport support;
    private OllamaChatClient client;
    private GuardedPriorProvider guarded;

    @Activate
    void activate(Config config, BundleContext context) {
        settings = settings(config);
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
        client = new OllamaChatClient(settings);
        guarded = support.guard(client);
        LOG.info("Ollama prior provider: {}", describe());
    }

    @Deactivate
    void deactivate() {
        support.close();
    }

    static OllamaChatClient.Settings settings(Config c) {
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
        require(c.context_tokens() >= 0, "context.tokens", c.context_tokens(), "0 or more");
        return new OllamaChatClient.Settings(url, c.model().strip(), c.temperature(),
                Duration.ofSeconds(c.timeout_seconds()), c.keep_alive_seconds(), c.think(), c.stream(),
                c.context_tokens(), c.log_requests());
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
        return "ollama " + settings.url() + " model " + settings.model() + ", temperature " + settings.temperature()
                + ", thinking " + (settings.think() ? "on" : "off") + (settings.stream() ? ", streaming" : "")
                + ", timeout " + settings.timeout().toSeconds() + " s, " + support.describeCache();
    }

    @Override
    public String checkServer() {
        return client.checkServer();
    }

    @Override
    public InspectablePriorProvider withEndpoint(Optional<String> url, Optional<String> model) {
        OllamaChatClient.Settings s = settings;
        OllamaChatClient.Settings changed = new OllamaChatClient.Settings(url.orElse(s.url()), model.orElse(s.model()),
                s.temperature(), s.timeout(), s.keepAliveSeconds(), s.think(), s.stream(), s.contextTokens(),
                s.logRequests());
        OllamaPriorProvider copy = new OllamaPriorProvider();
        copy.settings = changed;
        copy.support = support;
        copy.client = new OllamaChatClient(changed);
        copy.guarded = support.guard(copy.client);
        return copy;
    }

    @Override
    public RejectionCounts rejections() {
        return support.rejections();
    }
}
