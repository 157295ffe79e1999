package org.example.ledrl.advisor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.prior.PromptContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code advisor} prior provider: asks an HTTP advice service ({@code POST <base.url>/advice}, format in
 * {@link AdviceCodec}) for each prior, never longer than its timeout. An answer it cannot use is refused, logged
 * with its reason and counted; the prior is then "no advice" ({@link StrategyPrior#none}), never an exception.
 * Cancelling the returned stage aborts the request.
 */
@Component(service = PriorProvider.class, configurationPid = AdvisorPriorProvider.PID,
        property = "provider.name=" + AdvisorPriorProvider.NAME)
@Designate(ocd = AdvisorPriorProvider.Config.class)
public final class AdvisorPriorProvider implements PriorProvider {

    static final String NAME = "advisor";
    static final String PID = "org.example.ledrl.advisor";
    private static final Logger LOG = LoggerFactory.getLogger(AdvisorPriorProvider.class);

    @ObjectClassDefinition(name = "Advisor prior provider", description = "Strategy priors from an HTTP advice service.")
    public @interface Config {
        @AttributeDefinition(name = "Base URL", description = "The advice service; requests go to <base URL>/advice.")
        String base_url() default "http://127.0.0.1:8765";

        @AttributeDefinition(name = "Timeout (ms)", description = "Longest wait for one answer.", min = "1")
        int timeout_ms() default 2000;
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Refusals refusals = new Refusals();
    private volatile URI endpoint;
    private volatile Duration timeout;

    public AdvisorPriorProvider() {
    }

    AdvisorPriorProvider(String baseUrl, Duration timeout) {
        configure(baseUrl, timeout);
    }

    @Activate
    void activate(Config config) {
        if (config.timeout_ms() < 1) {
            throw new IllegalArgumentException(PID + ": timeout.ms must be at least 1, not " + config.timeout_ms());
        }
        configure(config.base_url(), Duration.ofMillis(config.timeout_ms()));
    }

    private void configure(String baseUrl, Duration timeout) {
        try {
            this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/advice");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PID + ": base.url '" + baseUrl + "' is not a URL", e);
        }
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Answers refused so far, by reason. */
    Map<String, Long> refusals() {
        return refusals.snapshot();
    }

    Duration timeout() {
        return timeout;
    }

    @Override
    public CompletionStage<StrategyPrior> propose(PromptContext context) {
        Observation o = context.observation();
        CompletableFuture<HttpResponse<String>> call;
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(AdviceCodec.request(o))).build();
            call = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(refuse(o, "unreachable", e.toString()));
        }
        CompletableFuture<StrategyPrior> prior = call.handle((response, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                return refuse(o, cause instanceof HttpTimeoutException ? "timeout" : "unreachable", cause.toString());
            }
            if (response.statusCode() != 200) {
                return refuse(o, "HTTP error", "status " + response.statusCode());
            }
            try {
                return AdviceCodec.answer(response.body(), o, o.timeMillis());
            } catch (Refused r) {
                return refuse(o, r.reason(), r.getMessage());
            }
        });
        // a caller that gives up cancels the request too
        prior.whenComplete((p, e) -> {
            if (prior.isCancelled()) {
                call.cancel(true);
            }
        });
        return prior;
    }

    private StrategyPrior refuse(Observation o, String reason, String detail) {
        refusals.add(reason);
        LOG.warn("Advisor answer for node {} refused, {}", o.agent(), detail);
        return StrategyPrior.none(o.agent());
    }
}
