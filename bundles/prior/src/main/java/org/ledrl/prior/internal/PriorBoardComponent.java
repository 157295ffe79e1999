package org.ledrl.prior.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.eval.ReflectiveMemory;
import org.ledrl.api.health.BoundedBuffers;
import org.ledrl.api.health.BufferStatus;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.Reflection;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.prior.PriorBoard;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.prior.PromptContext;
import org.ledrl.prior.ProviderName;
import org.ledrl.prior.RefreshPolicy;
import org.ledrl.prior.RefreshingPriorBoard;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
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
 * The live runtime's prior board: a {@link RefreshingPriorBoard#live} asking the configured provider
 * on its own threads. Also an {@link Evaluator}, so the runtime's outcomes feed the prompts' trend and
 * its network events trigger refreshes. Providers and the reflective memory may come and go at any
 * time; without the configured provider the board keeps its last priors and asks again when it is back.
 * Its histories are bounded ({@code history.max.entries}) and reported as {@link BoundedBuffers}.
 */
@Component(service = {PriorBoard.class, Evaluator.class, BoundedBuffers.class}, immediate = true,
        configurationPid = PriorBoardComponent.PID)
@Designate(ocd = PriorBoardComponent.Config.class)
public final class PriorBoardComponent implements PriorBoard, Evaluator, BoundedBuffers {

    static final String PID = "org.ledrl.prior.board";
    private static final Logger LOG = LoggerFactory.getLogger(PriorBoardComponent.class);

    @ObjectClassDefinition(name = "LeDRL prior board",
            description = "Keeps the latest strategy prior per node, refreshed in the background; decisions never wait for it.")
    public @interface Config {
        @AttributeDefinition(name = "Provider", description = "provider.name of the prior provider to ask: heuristic, ollama, openai or another installed one.")
        String provider() default "heuristic";

        @AttributeDefinition(name = "Refresh every (slots)", description = "Ask for a fresh prior for each node at least this often, in slots.", min = "1")
        int refresh_every_slots() default 10;

        @AttributeDefinition(name = "Slot length (ms)", description = "Length of a decision slot in milliseconds.", min = "1")
        long slot_millis() default 1000;

        @AttributeDefinition(name = "Load change", description = "Ask again when a candidate's CPU load moved by this much (0 to 1) since the last request.")
        double load_change() default 0.3;

        @AttributeDefinition(name = "Queue change (s)", description = "Ask again when a candidate's queue wait moved by this many seconds since the last request.")
        double queue_change_seconds() default 1.0;

        @AttributeDefinition(name = "Requests in flight", description = "Never more than this many requests waiting for the provider.", min = "1")
        int max_in_flight() default 2;

        @AttributeDefinition(name = "Request timeout (s)", description = "A request not answered in this time is given up.", min = "1")
        int request_timeout_seconds() default 120;

        @AttributeDefinition(name = "Trend window (slots)", description = "How many recent slots the prompt's trend covers.", min = "1")
        int trend_window_slots() default 20;

        @AttributeDefinition(name = "Lessons per prompt", description = "At most this many lessons from the reflective memory in a prompt.", min = "0")
        int memory_limit() default 5;

        @AttributeDefinition(name = "Provider latency (ms)", description = "provider=milliseconds per provider. A provider with 0 is no LLM but answers at once (the heuristic): it is asked at every decision, on the decision's thread, so its priors see the decisions other nodes made earlier in the same slot. Other providers are asked in the background on refresh triggers.")
        String[] provider_latency_millis() default {"heuristic=0"};

        @AttributeDefinition(name = "History entries", description = "Most outcomes (by origin, and by executor) and most dispatches the trend window keeps, each over all nodes; beyond that the oldest are pushed out and counted. The window alone holds about decisions per second times trend window slots.", min = "1")
        int history_max_entries() default RefreshingPriorBoard.DEFAULT_HISTORY_CAPACITY;
    }

    private final Map<ServiceReference<PriorProvider>, PriorProvider> providers = new ConcurrentSkipListMap<>();
    private volatile ReflectiveMemory memory;
    private String providerName;
    private ExecutorService executor;
    private RefreshingPriorBoard board;

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

    @Activate
    void activate(Config config) {
        providerName = config.provider().strip();
        RefreshPolicy policy;
        try {
            policy = new RefreshPolicy(config.refresh_every_slots(), config.slot_millis(), config.load_change(),
                    config.queue_change_seconds(), config.max_in_flight(), 0, config.trend_window_slots(),
                    config.memory_limit(), latencies(config.provider_latency_millis()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration " + PID + ": " + e.getMessage(), e);
        }
        if (config.history_max_entries() < 1) {
            throw new IllegalArgumentException("configuration " + PID + ": history.max.entries must be at least 1, not "
                    + config.history_max_entries());
        }
        if (config.request_timeout_seconds() < 1) {
            throw new IllegalArgumentException("configuration " + PID + ": request.timeout.seconds must be at least 1, not "
                    + config.request_timeout_seconds());
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(policy.maxInFlight(), r -> {
            Thread t = new Thread(r, "prior-board-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        board = RefreshingPriorBoard.live(new SelectedProvider(), policy, this::recall, executor,
                Duration.ofSeconds(config.request_timeout_seconds()), config.history_max_entries());
        if (policy.isFresh(providerName)) {
            LOG.info("Prior board asks provider '{}' at every decision (no latency)", providerName);
        } else {
            LOG.info("Prior board asks provider '{}' every {} slots, {} requests in flight at most", providerName,
                    policy.everySlots(), policy.maxInFlight());
        }
    }

    /** {@code provider=milliseconds} entries; a malformed one is refused with its text. */
    static Map<String, Long> latencies(String[] entries) {
        Map<String, Long> latencies = new java.util.HashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            String provider = eq < 0 ? "" : entry.substring(0, eq).strip();
            long millis;
            try {
                millis = eq < 0 ? -1 : Long.parseLong(entry.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                millis = -1;
            }
            if (provider.isEmpty() || millis < 0) {
                throw new IllegalArgumentException("provider.latency.millis: '" + entry
                        + "' is not provider=milliseconds (a whole number, 0 or more)");
            }
            latencies.put(provider, millis);
        }
        return latencies;
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
    }

    @Override
    public StrategyPrior latest(int node) {
        return board.latest(node);
    }

    @Override
    public void observe(Observation observation) {
        board.observe(observation);
    }

    @Override
    public String name() {
        return "prior-board";
    }

    /** Every decision counts in its target's activity, which the prompts and fresh priors read. */
    @Override
    public void onDecision(Observation observation, Decision decision, long decisionNanos) {
        board.onDecision(observation, decision, decisionNanos);
    }

    @Override
    public void onOutcome(Outcome outcome) {
        board.onOutcome(outcome);
    }

    @Override
    public void onEvent(EnvironmentEvent event) {
        board.onEvent(event);
    }

    @Override
    public List<BufferStatus> buffers() {
        return board.buffers();
    }

    private List<Reflection> recall(Observation observation, int limit) {
        ReflectiveMemory m = memory;
        return m == null ? List.of() : m.recall(observation, limit);
    }

    /** The configured provider as it is now; the highest-ranked one when several share the name. */
    private final class SelectedProvider implements PriorProvider {
        private volatile boolean missingLogged;

        @Override
        public String name() {
            return providerName;
        }

        @Override
        public CompletionStage<StrategyPrior> propose(PromptContext context) {
            PriorProvider selected = null;
            // ServiceReference order is by ranking, highest last
            for (Map.Entry<ServiceReference<PriorProvider>, PriorProvider> e : providers.entrySet()) {
                if (providerName.equals(e.getKey().getProperty(ProviderName.PROPERTY))) {
                    selected = e.getValue();
                }
            }
            if (selected == null) {
                if (!missingLogged) {
                    missingLogged = true;
                    LOG.warn("Prior provider '{}' is not installed; nodes keep the priors they have", providerName);
                }
                return CompletableFuture.completedFuture(StrategyPrior.none(context.observation().agent()));
            }
            missingLogged = false;
            return selected.propose(context);
        }
    }
}
