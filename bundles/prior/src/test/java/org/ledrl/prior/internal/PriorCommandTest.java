package org.ledrl.prior.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.NodePreference;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.prior.PromptContext;
import org.ledrl.prior.ChatClient;
import org.ledrl.prior.ChatTurn;
import org.ledrl.prior.Consultation;
import org.ledrl.prior.GuardedPriorProvider;
import org.ledrl.prior.InspectablePriorProvider;
import org.ledrl.prior.PromptBuilder;
import org.ledrl.prior.ProviderName;
import org.ledrl.prior.RejectionCounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceReference;

class PriorCommandTest {

    private static final AtomicLong SERVICE_IDS = new AtomicLong();

    @TempDir
    Path home;
    private final PriorCommand command = new PriorCommand();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final LeastLoaded leastLoaded = new LeastLoaded();

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(home.resolve("conf/scenarios"));
        Files.writeString(home.resolve("conf/scenarios/small.yaml"), """
                name: small
                seed: 3
                slots: 30
                episodes: 1
                topology: {type: ring, nodes: 5}
                tasks: {arrivalProbability: 0.9}
                """);
        command.addProvider(reference("least-loaded"), leastLoaded);
    }

    /** A provider without an LLM: prefers the candidate with the shortest queue. */
    static final class LeastLoaded implements PriorProvider {
        final List<PromptContext> asked = new ArrayList<>();

        @Override
        public String name() {
            return "least-loaded";
        }

        @Override
        public CompletionStage<StrategyPrior> propose(PromptContext context) {
            asked.add(context);
            Observation obs = context.observation();
            Candidate best = obs.candidates().stream()
                    .min(Comparator.comparingDouble(c -> c.status().queueSeconds())).orElseThrow();
            return CompletableFuture.completedFuture(new StrategyPrior(obs.agent(),
                    List.of(new NodePreference(best.node(), 1.0, false)), GlobalStrategy.SPREAD, "shortest queue",
                    "least-loaded", obs.timeMillis()));
        }
    }

    /** An LLM provider whose "model" first names a node that does not exist, then answers with the schema's first node. */
    static final class ForgetfulLlm implements InspectablePriorProvider {
        final List<List<ChatTurn>> conversations = new ArrayList<>();
        private final GuardedPriorProvider guard = new GuardedPriorProvider("forgetful", new ChatClient() {
            @Override
            public String model() {
                return "forgetful-1b";
            }

            @Override
            public String complete(List<ChatTurn> conversation, String jsonSchema) {
                conversations.add(conversation);
                if (conversations.size() == 1) {
                    return "{\"preferences\":[{\"node\":999,\"preference\":0.5,\"avoid\":false}],"
                            + "\"strategy\":\"SPREAD\",\"rationale\":\"r\"}";
                }
                try {
                    JsonNode schema = new ObjectMapper().readTree(jsonSchema);
                    int first = schema.at("/properties/preferences/items/properties/node/enum/0").asInt();
                    return "{\"preferences\":[{\"node\":" + first + ",\"preference\":0.7,\"avoid\":false}],"
                            + "\"strategy\":\"KEEP_LOCAL\",\"rationale\":\"stay\"}";
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }, PromptBuilder::defaults, ctx -> StrategyPrior.none(ctx.observation().agent()), Duration.ZERO,
                Runnable::run, new RejectionCounts());

        @Override
        public String name() {
            return "forgetful";
        }

        @Override
        public CompletionStage<StrategyPrior> propose(PromptContext context) {
            return guard.propose(context);
        }

        @Override
        public Consultation consult(PromptContext context) {
            return guard.consult(context);
        }

        @Override
        public String describe() {
            return "forgetful test model";
        }

        @Override
        public String checkServer() {
            return "model forgetful-1b is here";
        }

        @Override
        public InspectablePriorProvider withEndpoint(Optional<String> url, Optional<String> model) {
            return this;
        }

        @Override
        public RejectionCounts rejections() {
            return guard.rejections();
        }
    }

    @SuppressWarnings("unchecked")
    private static ServiceReference<PriorProvider> reference(String providerName) {
        long id = SERVICE_IDS.incrementAndGet();
        return (ServiceReference<PriorProvider>) Proxy.newProxyInstance(PriorCommandTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> Map.of(ProviderName.PROPERTY, providerName, "service.id", id).get(args[0]);
                    case "compareTo" -> Long.compare((Long) ((ServiceReference<?>) args[0]).getProperty("service.id"), id);
                    case "hashCode" -> Long.hashCode(id);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "reference " + providerName;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private int run(String... args) throws Exception {
        return command.run(List.of(args), new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, home));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void showsThePromptAndThePriorOfAProviderWithoutLlm() throws Exception {
        int status = run("--provider", "least-loaded", "--scenario", "small", "--node", "2", "--slot", "5");
        String text = out();
        assertEquals(0, status, text + err);
        assertEquals(1, leastLoaded.asked.size());
        Observation asked = leastLoaded.asked.get(0).observation();
        assertEquals(2, asked.agent());
        assertTrue(asked.timeMillis() >= 5000, "the simulator ran to slot 5: " + asked.timeMillis());
        assertTrue(text.contains("scenario small, seed 3, slot "), text);
        assertTrue(text.contains("=== prompt: user"), text);
        assertTrue(text.contains("Node 2 asks for advice"), text);
        assertTrue(text.contains("=== prior (computed)"), text);
        assertTrue(text.contains("rationale: shortest queue"), text);
        assertTrue(leastLoaded.asked.get(0).trend().tasks() > 0, "five slots of outcomes make a trend");
    }

    @Test
    void showsEachAnswerWithItsVerdictForAnLlmProvider() throws Exception {
        ForgetfulLlm llm = new ForgetfulLlm();
        command.addProvider(reference("forgetful"), llm);
        int status = run("--provider", "forgetful", "--scenario", "small", "--slot", "3");
        String text = out();
        assertEquals(0, status, text + err);
        assertTrue(text.contains("server:   model forgetful-1b is here"), text);
        assertTrue(text.contains("=== answer 1"), text);
        assertTrue(text.contains("verdict: UNKNOWN_NODE: preferences[0].node 999 is not a candidate"), text);
        assertTrue(text.contains("=== retry message"), text);
        assertTrue(text.contains("=== answer 2"), text);
        assertTrue(text.contains("verdict: accepted"), text);
        assertTrue(text.contains("=== prior (the model's answer, validated)"), text);
        assertTrue(text.contains("strategy:  KEEP_LOCAL"), text);
        assertEquals(2, llm.conversations.size());
    }

    @Test
    void namesTheInstalledProvidersWhenTheOneAskedForIsMissing() throws Exception {
        assertEquals(2, run("--provider", "olama", "--scenario", "small"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no prior provider named 'olama' is installed; installed: least-loaded"));
    }

    @Test
    void rejectsServerOptionsForAProviderWithoutServerAndSlotsOutsideTheEpisode() throws Exception {
        assertEquals(2, run("--provider", "least-loaded", "--url", "http://x:1", "--scenario", "small"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--url and --model do not apply"));
        assertEquals(2, run("--provider", "least-loaded", "--scenario", "small", "--slot", "30"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("option --slot must be between 0 and 29"));
        assertEquals(2, run("--provider", "least-loaded", "--scenario", "missing"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("scenario file 'missing' not found"));
    }

    @Test
    void aBrokenTemplateIsReportedWithItsFile() throws Exception {
        Path templates = Files.createDirectories(home.resolve("conf/templates"));
        Files.writeString(templates.resolve(PromptBuilder.USER), "{{#nodes}} unclosed");
        assertEquals(2, run("--provider", "least-loaded", "--scenario", "small"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(templates.resolve(PromptBuilder.USER) + " line 1"),
                err.toString(StandardCharsets.UTF_8));
    }
}
