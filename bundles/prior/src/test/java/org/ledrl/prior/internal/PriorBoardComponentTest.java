package org.ledrl.prior.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodePreference;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.prior.PromptContext;
import org.ledrl.prior.ProviderName;
import org.osgi.framework.ServiceReference;

/** The live board component: decisions reach the board, and a provider without latency is asked at every decision. */
class PriorBoardComponentTest {

    private final PriorBoardComponent component = new PriorBoardComponent();

    /** Answers with node 9's preference = 1 / (1 + tasks other agents sent there this slot), named "heuristic". */
    private static final PriorProvider COUNTING = new PriorProvider() {
        @Override
        public String name() {
            return "heuristic";
        }

        @Override
        public CompletionStage<StrategyPrior> propose(PromptContext context) {
            Observation o = context.observation();
            double preference = 1.0 / (1 + context.trend().activityOf(9).sentThisSlot());
            return CompletableFuture.completedFuture(new StrategyPrior(o.agent(), List.of(
                    new NodePreference(o.agent(), 0.5, false), new NodePreference(9, preference, false)),
                    GlobalStrategy.SPREAD, "counts", "heuristic", o.timeMillis()));
        }
    };

    @AfterEach
    void deactivate() {
        component.deactivate();
    }

    private static Observation obs(int agent, long timeMillis) {
        Task task = new Task(agent, agent, timeMillis, 300, 1000, 4.0, "generic");
        NodeStatus self = new NodeStatus(agent, Health.UP, 3.0, 0.2, 0, 0.0, 0.3, Double.NaN, Double.NaN, 0, 0);
        NodeStatus shared = new NodeStatus(9, Health.UP, 3.0, 0.0, 0, 0.0, 0.3, Double.NaN, Double.NaN, 0, 0);
        return new Observation(agent, timeMillis, task, List.of(new Candidate(self, 0.001, 0, 0, 0, 0, true),
                new Candidate(shared, 0.001, 1, 0.05, 0.002, 0.001, true)), 0.9);
    }

    @SuppressWarnings("unchecked")
    private static ServiceReference<PriorProvider> reference(String providerName) {
        return (ServiceReference<PriorProvider>) Proxy.newProxyInstance(PriorBoardComponentTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> Map.of(ProviderName.PROPERTY, providerName).get(args[0]);
                    case "compareTo" -> 0;
                    case "hashCode" -> 1;
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static PriorBoardComponent.Config config(String... latencies) {
        return (PriorBoardComponent.Config) Proxy.newProxyInstance(PriorBoardComponentTest.class.getClassLoader(),
                new Class<?>[] {PriorBoardComponent.Config.class}, (proxy, method, args) ->
                        method.getName().equals("provider_latency_millis") && latencies.length > 0
                                ? latencies : method.getDefaultValue());
    }

    @Test
    void decisionsReachTheBoardAndTheHeuristicIsAskedAtEveryDecision() {
        component.addProvider(reference("heuristic"), COUNTING);
        component.activate(config());
        for (int agent = 1; agent <= 2; agent++) {
            Observation o = obs(agent, 5_000);
            component.observe(o);
            component.onDecision(o, Decision.of(9, "test"), 0);
        }
        Observation asking = obs(3, 5_100);
        component.observe(asking);
        assertEquals(1.0 / 3, component.latest(3).preferenceFor(9).preference(), 1e-9,
                "two tasks sent to node 9 earlier in the slot, seen at once: " + component.latest(3));
    }

    @Test
    void aMalformedLatencyIsRefusedWithItsText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> component.activate(config("heuristic=fast")));
        assertTrue(e.getMessage().contains("'heuristic=fast'") && e.getMessage().contains("provider.latency.millis"),
                e.getMessage());
        component.activate(config()); // for deactivate
    }
}
