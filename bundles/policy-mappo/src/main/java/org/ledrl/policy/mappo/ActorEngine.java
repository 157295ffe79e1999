package org.ledrl.policy.mappo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.ml.InferenceModel;
import org.ledrl.ml.MlRuntime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind every ONNX actor policy ({@code mappo}, {@code ledrl}, {@code mappo-prior-mlp} and their
 * variants): loads a {@code model.onnx} with its {@link ModelCard}, checks the model against the card, decides with
 * ONNX Runtime, and watches both files: replacing them swaps the model without a restart and without failing a
 * decision. A broken model or card is refused with a message that says why, and the current model stays in use.
 * Without a configured file it uses the model shipped in the policy's bundle. The card's layout says whether the
 * actor reads the strategy prior ({@link ObservationEncoder#LAYOUT_WITH_PRIOR}).
 *
 * <p>Policy components own one each: configure it from their configuration, decide through it, close it when they
 * deactivate. Thread-safe.
 *
 * <p>The first model an engine loads is checked at once but warmed up ({@link WarmUp}) on a thread of its own, so
 * that a start does not wait for every policy's warm-up; a decision asked for before that warm-up ends waits for it
 * (at most {@value #WARM_UP_WAIT_SECONDS} s, then decides with the model as it is). Later models are warmed up before
 * they replace the current one, as they always were.
 */
public final class ActorEngine implements AutoCloseable {

    /** Where a policy bundle keeps its pre-trained model: the model, its card and its training curve. */
    public record Shipped(ClassLoader loader, String model, String card, String curve) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ActorEngine.class);
    /** The card's file name beside a model. */
    public static final String CARD_NAME = "model-card.json";
    /** The training curve's file name beside a model. */
    public static final String CURVE_NAME = "curve.csv";

    private final String name;
    private final Shipped shipped;
    private final MlRuntime runtime;
    private final AtomicReference<Actor> actor = new AtomicReference<>();
    private volatile Watched watched = Watched.NONE;
    /** The first model while it warms up, and when that ends; null otherwise. Set and cleared under this. */
    private volatile Warming warming;
    private boolean closed;

    private record Warming(Actor actor, CompletableFuture<Void> done) {
    }

    /** The configured files and the version of them last tried, so a broken file is reported once. */
    private record Watched(Path model, Path card, String version) {
        static final Watched NONE = new Watched(null, null, "");
    }

    /**
     * @param name    the policy's name, for decisions and log lines
     * @param runtime the ML runtime that runs the model
     * @param shipped the model shipped in the policy's bundle, used when no file is configured
     */
    public ActorEngine(String name, MlRuntime runtime, Shipped shipped) {
        this.name = name;
        this.runtime = runtime;
        this.shipped = shipped;
    }

    /**
     * Uses {@code modelFile} (empty: the shipped model) with {@code cardFile} (empty: {@value #CARD_NAME} beside the
     * model), checking both every {@code checkSeconds} (0: never).
     */
    public void configure(String modelFile, String cardFile, int checkSeconds) {
        if (modelFile.isBlank()) {
            watched = Watched.NONE;
            install(this::loadShipped);
        } else {
            Path model = Path.of(modelFile);
            Path card = cardFile.isBlank() ? model.resolveSibling(CARD_NAME) : Path.of(cardFile);
            watched = new Watched(model, card, version(model, card));
            if (!install(() -> load(model, card))) {
                install(this::loadShipped);
            }
        }
        scheduleChecks(watched.model() == null ? 0 : checkSeconds);
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
            Thread t = new Thread(r, name + "-model-watcher");
            t.setDaemon(true);
            return t;
        });
        scheduled.scheduleWithFixedDelay(this::checkFiles, seconds, seconds, TimeUnit.SECONDS);
    }

    /** Reloads when the model or card file changed since the last attempt. */
    public void checkFiles() {
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

    /** The longest a decision waits for the first model's warm-up. */
    static final long WARM_UP_WAIT_SECONDS = 30;

    /**
     * Loads a new actor, warms it up and swaps it in (the first one: warms it up in the background); on failure logs
     * why and keeps the current one. False when the model could not be loaded.
     */
    private boolean install(Loader loader) {
        Actor next;
        try {
            next = loader.load();
        } catch (IOException | RuntimeException e) {
            failed(e);
            return false;
        }
        synchronized (this) {
            if (actor.get() == null && warming == null) {
                Warming first = new Warming(next, new CompletableFuture<>());
                warming = first;
                Thread thread = new Thread(() -> warmUpFirst(first), name + "-warm-up");
                thread.setDaemon(true);
                thread.start();
                return true;
            }
        }
        try {
            WarmUp.run(next, name);
        } catch (RuntimeException e) {
            next.retire();
            failed(e);
            return true;
        }
        Actor previous = actor.getAndSet(next);
        if (previous != null) {
            previous.retire();
        }
        LOG.info("{} policy decides with {}", name, next.source());
        return true;
    }

    private void failed(Exception e) {
        Actor current = actor.get();
        LOG.error("{} policy: {}; {}", name, e.getMessage(),
                current == null ? "no model to decide with" : "still deciding with " + current.source());
    }

    /** Warms the first model up and puts it in use, unless another model or a close came first. */
    private void warmUpFirst(Warming first) {
        Actor next = first.actor();
        RuntimeException failure = null;
        try {
            WarmUp.run(next, name);
        } catch (RuntimeException e) {
            failure = e;
        }
        boolean closedMeanwhile;
        synchronized (this) {
            closedMeanwhile = closed;
            if (failure == null && !closed && actor.compareAndSet(null, next)) {
                LOG.info("{} policy decides with {}", name, next.source());
            } else {
                next.retire();
            }
            warming = null;
        }
        first.done().complete(null);
        // a policy closed meanwhile (the platform stopping, or a one-shot command that ended before the warm-up):
        // its warm-up fails as the runtime goes away, which is no problem to report
        if (failure != null && !closedMeanwhile) {
            failed(failure);
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
        try (InputStream model = shipped.loader().getResourceAsStream(shipped.model());
             InputStream card = shipped.loader().getResourceAsStream(shipped.card())) {
            if (model == null || card == null) {
                throw new IOException("the pre-trained model " + shipped.model() + " is not in the bundle of " + name);
            }
            Path cardCopy = Files.createTempFile(name + "-card", ".json");
            try {
                Files.copy(card, cardCopy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                ModelCard modelCard = ModelCard.read(cardCopy);
                InferenceModel inference = runtime.loadOnnx(model.readAllBytes(), "shipped " + shipped.model());
                return Actor.of(inference, modelCard, "shipped " + shipped.model());
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

    /** Decides with the model in use, without the agents' recent activity (as if there were none). */
    public Decision decide(Observation observation, StrategyPrior prior) {
        return decide(observation, prior, RecentActivity.IDLE);
    }

    /**
     * Decides with the model in use, reading and then recording what the agents did lately in {@code activity};
     * without a model the task stays on the agent's node. Never blocks on I/O; only the decisions asked for while the
     * first model warms up wait for it.
     */
    public Decision decide(Observation observation, StrategyPrior prior, RecentActivity activity) {
        Decision decision = decideWithModel(observation, prior, activity);
        int chosen = observation.indexOf(decision.target());
        if (chosen >= 0) {
            activity.sent(observation, chosen);
        }
        return decision;
    }

    private Decision decideWithModel(Observation observation, StrategyPrior prior, RecentActivity activity) {
        while (true) {
            Actor current = actor.get();
            if (current == null) {
                current = afterWarmUp();
            }
            if (current == null) {
                return Decision.of(observation.agent(), name);
            }
            if (current.acquire()) {
                try {
                    return current.decide(observation, prior, activity, name);
                } finally {
                    current.release();
                }
            }
            // retired between get() and acquire(): the next one is already installed
        }
    }

    /** The model in use once the first one's warm-up ended (that one as it is after the wait); null: none. */
    private Actor afterWarmUp() {
        Warming first = warming;
        if (first == null) {
            return actor.get();
        }
        try {
            first.done().get(WARM_UP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return first.actor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return first.actor();
        } catch (ExecutionException e) {
            // never completed exceptionally: the warm-up logs its own failure
        }
        return actor.get();
    }

    /**
     * The training curve of the model in use (success rate per training episode), from {@value #CURVE_NAME}
     * beside a configured model or the curve shipped with the bundle; empty when there is none or it is unreadable.
     */
    public List<CurvePoint> trainingCurve() {
        return curve("training", CurvePoint::parse);
    }

    /**
     * The validation curve of the model in use (success rate on the trainer's fixed validation episodes), from the
     * same file as {@link #trainingCurve()}; empty when there is none, it is unreadable or the trainer did not
     * validate.
     */
    public List<CurvePoint> validationCurve() {
        return curve("validation", CurvePoint::parseValidation);
    }

    private List<CurvePoint> curve(String kind, BiFunction<String, String, List<CurvePoint>> parser) {
        try {
            return curveText().map(text -> parser.apply(text.csv(), text.source())).orElse(List.of());
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} policy: no {} curve: {}", name, kind, e.getMessage());
            return List.of();
        }
    }

    /** A curve file's text and where it came from, for error messages. */
    private record CurveText(String csv, String source) {
    }

    /** The text of {@value #CURVE_NAME} beside a configured model or of the shipped curve; empty when absent. */
    private Optional<CurveText> curveText() throws IOException {
        Watched w = watched;
        if (w.model() != null) {
            Path file = w.model().resolveSibling(CURVE_NAME);
            return Files.isRegularFile(file)
                    ? Optional.of(new CurveText(Files.readString(file), file.toString()))
                    : Optional.empty();
        }
        try (InputStream in = shipped.loader().getResourceAsStream(shipped.curve())) {
            return in == null ? Optional.empty()
                    : Optional.of(new CurveText(new String(in.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8), shipped.curve()));
        }
    }

    /** The card of the model decisions are made with now; empty before any model loaded. */
    public Optional<ModelCard> activeCard() {
        Actor current = actor.get();
        Warming first = warming;
        return Optional.ofNullable(current != null ? current : first == null ? null : first.actor()).map(Actor::card);
    }

    /** Stops the file checks and closes the model once the last decision with it is done. */
    @Override
    public void close() {
        scheduleChecks(0);
        synchronized (this) {
            closed = true;
        }
        Actor last = actor.getAndSet(null);
        if (last != null) {
            last.retire();
        }
    }
}
