package org.ledrl.policy.mappo.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PolicyName;
import org.ledrl.ml.InferenceModel;
import org.ledrl.ml.MlRuntime;
import org.ledrl.policy.mappo.ModelCard;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code mappo} policy: the MAPPO actor as an ONNX model, run with ONNX Runtime. It loads the configured
 * {@code model.onnx} with its model card, checks the model against the card, and watches both files: replacing
 * them (or changing the configuration) swaps the model without a restart and without failing a decision. A model
 * or card that is broken is refused with a message that says why, and the current model stays in use.
 *
 * <p>With no model file configured it uses the pre-trained model shipped in this bundle (trained on the paper's
 * 10- and 20-node scenarios; the bundle README says how to rebuild it).
 */
@Component(service = OffloadingPolicy.class, configurationPid = MappoPolicy.PID, immediate = true)
@PolicyName(MappoPolicy.NAME)
@Designate(ocd = MappoPolicy.Config.class)
public final class MappoPolicy implements OffloadingPolicy {

    static final String NAME = "mappo";
    static final String PID = "org.ledrl.policy.mappo";
    static final String SHIPPED_MODEL = "models/mappo-paper.onnx";
    static final String SHIPPED_CARD = "models/mappo-paper-card.json";
    static final String CARD_NAME = "model-card.json";

    @ObjectClassDefinition(name = "LeDRL MAPPO policy",
            description = "Decides with a MAPPO actor exported to ONNX, run by ONNX Runtime.")
    public @interface Config {
        @AttributeDefinition(name = "Model file",
                description = "The actor's model.onnx. Empty: the pre-trained model shipped with the platform.")
        String modelFile() default "";

        @AttributeDefinition(name = "Model card",
                description = "The model's JSON card. Empty: model-card.json in the model's folder.")
        String cardFile() default "";

        @AttributeDefinition(name = "Check interval (s)",
                description = "How often the model and card files are checked for a new version; 0 turns it off.")
        int checkSeconds() default 2;
    }

    private static final Logger LOG = LoggerFactory.getLogger(MappoPolicy.class);

    private final MlRuntime runtime;
    private final AtomicReference<Actor> actor = new AtomicReference<>();
    private volatile Watched watched = Watched.NONE;

    /** The configured files and the version of them last tried, so a broken file is reported once. */
    private record Watched(Path model, Path card, String version) {
        static final Watched NONE = new Watched(null, null, "");
    }

    @Activate
    public MappoPolicy(@Reference MlRuntime runtime, Config config) {
        this.runtime = runtime;
        configure(config);
    }

    @Modified
    void modified(Config config) {
        configure(config);
    }

    private void configure(Config config) {
        if (config.modelFile().isBlank()) {
            watched = Watched.NONE;
            install(this::loadShipped);
        } else {
            Path model = Path.of(config.modelFile());
            Path card = config.cardFile().isBlank() ? model.resolveSibling(CARD_NAME) : Path.of(config.cardFile());
            watched = new Watched(model, card, version(model, card));
            install(() -> load(model, card));
            if (actor.get() == null) {
                install(this::loadShipped);
            }
        }
        scheduleChecks(watched.model() == null ? 0 : config.checkSeconds());
    }

    private ScheduledExecutorService scheduled;

    /** (Re)starts the file checks every {@code seconds}; 0 stops them. */
    private synchronized void scheduleChecks(int seconds) {
        if (scheduled != null) {
            scheduled.shutdownNow();
            scheduled = null;
        }
        if (seconds <= 0) {
            return;
        }
        scheduled = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mappo-model-watcher");
            t.setDaemon(true);
            return t;
        });
        scheduled.scheduleWithFixedDelay(this::checkFiles, seconds, seconds, TimeUnit.SECONDS);
    }

    /** Reloads when the model or card file changed since the last attempt. */
    void checkFiles() {
        Watched w = watched;
        if (w.model() == null) {
            return;
        }
        String now = version(w.model(), w.card());
        if (!now.equals(w.version())) {
            watched = new Watched(w.model(), w.card(), now);
            install(() -> load(w.model(), w.card()));
        }
    }

    private interface Loader {
        Actor load() throws IOException;
    }

    /** Loads a new actor and swaps it in; on failure logs why and keeps the current one. */
    private void install(Loader loader) {
        try {
            Actor next = loader.load();
            Actor previous = actor.getAndSet(next);
            if (previous != null) {
                previous.retire();
            }
            LOG.info("mappo policy decides with {}", next.source());
        } catch (IOException | RuntimeException e) {
            Actor current = actor.get();
            LOG.error("mappo policy: {}; {}", e.getMessage(),
                    current == null ? "no model to decide with" : "still deciding with " + current.source());
        }
    }

    private Actor load(Path model, Path card) throws IOException {
        if (!Files.isRegularFile(card)) {
            throw new IOException("model " + model + " has no card at " + card);
        }
        ModelCard modelCard = ModelCard.read(card);
        return Actor.of(runtime.loadOnnx(model), modelCard, model.toString());
    }

    private Actor loadShipped() throws IOException {
        try (InputStream model = MappoPolicy.class.getClassLoader().getResourceAsStream(SHIPPED_MODEL);
             InputStream card = MappoPolicy.class.getClassLoader().getResourceAsStream(SHIPPED_CARD)) {
            if (model == null || card == null) {
                throw new IOException("the pre-trained model " + SHIPPED_MODEL + " is not in this bundle");
            }
            Path cardCopy = Files.createTempFile("mappo-card", ".json");
            try {
                Files.copy(card, cardCopy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                ModelCard modelCard = ModelCard.read(cardCopy);
                InferenceModel inference = runtime.loadOnnx(model.readAllBytes(), "shipped " + SHIPPED_MODEL);
                return Actor.of(inference, modelCard, "shipped " + SHIPPED_MODEL);
            } finally {
                Files.deleteIfExists(cardCopy);
            }
        }
    }

    private static String version(Path model, Path card) {
        return stamp(model) + "|" + stamp(card);
    }

    private static String stamp(Path file) {
        try {
            FileTime time = Files.getLastModifiedTime(file);
            return time.toMillis() + ":" + Files.size(file);
        } catch (IOException e) {
            return "absent";
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision decide(Observation observation, StrategyPrior prior) {
        while (true) {
            Actor current = actor.get();
            if (current == null) {
                return Decision.of(observation.agent(), NAME);
            }
            if (current.acquire()) {
                try {
                    return current.decide(observation, NAME);
                } finally {
                    current.release();
                }
            }
            // retired between get() and acquire(): the next one is already installed
        }
    }

    /** The card of the model decisions are made with now; empty before any model loaded. */
    java.util.Optional<ModelCard> activeCard() {
        return java.util.Optional.ofNullable(actor.get()).map(Actor::card);
    }

    @Deactivate
    void deactivate() {
        scheduleChecks(0);
        Actor last = actor.getAndSet(null);
        if (last != null) {
            last.retire();
        }
    }
}
