package org.ledrl.reflect.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.eval.ReflectiveMemory;
import org.ledrl.api.health.BoundedBuffers;
import org.ledrl.api.health.BufferStatus;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.Reflection;
import org.ledrl.reflect.Lesson;
import org.ledrl.reflect.LessonMemory;
import org.ledrl.reflect.LessonRewriter;
import org.ledrl.reflect.MemorySettings;
import org.ledrl.reflect.Trace;
import org.osgi.framework.BundleContext;
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
 * The live runtime's reflective evaluator: one memory for the installation, configured through
 * Metatype, saved to {@code <folder>/reflective-memory.json} every {@code persistIntervalSeconds}
 * when it changed, at each episode's end, on clear and on shutdown. Uses a {@link LessonRewriter}
 * service when there is one. A changed configuration restarts it: the memory is saved, then loaded
 * again under the new settings. Its short-term records, lessons and file are bounded by the caps
 * and reported as {@link BoundedBuffers}.
 */
@Component(service = {Evaluator.class, ReflectiveMemory.class, LessonMemory.class, BoundedBuffers.class},
        immediate = true, configurationPid = ReflectiveEvaluatorComponent.PID)
@Designate(ocd = ReflectiveEvaluatorComponent.Config.class)
public final class ReflectiveEvaluatorComponent implements Evaluator, LessonMemory, BoundedBuffers {

    static final String PID = "org.ledrl.reflect";
    static final String FILE_NAME = "reflective-memory.json";
    /** Framework property naming the installation's folder. */
    static final String HOME_PROPERTY = "ledrl.home";

    private static final Logger LOG = LoggerFactory.getLogger(ReflectiveEvaluatorComponent.class);

    @ObjectClassDefinition(name = "LeDRL reflective evaluator",
            description = "Distils outcomes and network events into lessons for the prompts' memory section. "
                    + "The rules and thresholds are documented in the bundle's README.")
    public @interface Config {
        @AttributeDefinition(name = "Memory folder",
                description = "Folder of reflective-memory.json; empty means <ledrl.home>/data/memory")
        String folder() default "";

        @AttributeDefinition(name = "Save interval (s)", description = "Seconds between saves of a changed memory",
                min = "1")
        int persistIntervalSeconds() default 30;

        @AttributeDefinition(name = "Slot length (ms)", description = "Length of one time slot", min = "1")
        long slotMillis() default 1000;

        @AttributeDefinition(name = "Window (slots)", description = "How far back the rules look", min = "1")
        int windowSlots() default 20;

        @AttributeDefinition(name = "Failing node: failures",
                description = "Outages, lost tasks and execution failures on a node within the window", min = "1")
        int nodeFailureThreshold() default 3;

        @AttributeDefinition(name = "Overloaded node: misses",
                description = "Tasks on a node that missed the deadline or found the queue full, within the window",
                min = "1")
        int overloadMissThreshold() default 3;

        @AttributeDefinition(name = "Overloaded node: share",
                description = "Least share of the node's tasks in the window that missed, in (0,1]")
        double overloadShare() default 0.5;

        @AttributeDefinition(name = "Failing link: failures",
                description = "Outages and failed one-hop transfers on a link within the window", min = "1")
        int linkFailureThreshold() default 3;

        @AttributeDefinition(name = "Slow link: misses",
                description = "Tasks of one type sent over a link that missed the deadline, within the window",
                min = "1")
        int slowLinkMissThreshold() default 3;

        @AttributeDefinition(name = "Slow link: share",
                description = "Least share of that type's transfers over the link that missed, in (0,1]")
        double slowLinkShare() default 0.5;

        @AttributeDefinition(name = "Failing task type: tasks",
                description = "Tasks of one type that must have ended in the window before the type is judged",
                min = "1")
        int typeMinTasks() default 8;

        @AttributeDefinition(name = "Failing task type: share",
                description = "Share of those tasks that must have failed, in (0,1]")
        double typeFailureShare() default 0.6;

        @AttributeDefinition(name = "Retention (slots)",
                description = "A lesson without new evidence for this long is forgotten", min = "1")
        int retentionSlots() default 300;

        @AttributeDefinition(name = "Recency half-life (slots)",
                description = "Age at which a lesson's recall weight has halved", min = "1")
        int recencyHalfLifeSlots() default 50;

        @AttributeDefinition(name = "Most lessons", description = "Cap of the long-term memory", min = "1")
        int maxLessons() default 100;

        @AttributeDefinition(name = "Short-term records per subject",
                description = "Records kept per node, link or task type", min = "1")
        int shortTermPerSubject() default 64;

        @AttributeDefinition(name = "Short-term subjects",
                description = "Nodes, links and task types with short-term records", min = "1")
        int maxShortTermSubjects() default 128;
    }

    private final AtomicReference<LessonRewriter> rewriter = new AtomicReference<>(LessonRewriter.NONE);
    private final ReflectiveMemoryEngine memory;
    private final MemoryStore store;
    private final ScheduledExecutorService saver;

    @Activate
    public ReflectiveEvaluatorComponent(BundleContext context, Config config) {
        MemorySettings settings = settingsOf(config);
        if (config.persistIntervalSeconds() < 1) {
            throw new IllegalArgumentException("reflective memory setting persistIntervalSeconds must be at least 1, not "
                    + config.persistIntervalSeconds());
        }
        memory = new ReflectiveMemoryEngine(settings, rewriter::get);
        store = new MemoryStore(folderOf(context, config).resolve(FILE_NAME));
        store.load(memory);
        saver = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ledrl-reflective-memory-saver");
            thread.setDaemon(true);
            return thread;
        });
        saver.scheduleWithFixedDelay(this::saveQuietly, config.persistIntervalSeconds(),
                config.persistIntervalSeconds(), TimeUnit.SECONDS);
    }

    static MemorySettings settingsOf(Config c) {
        return new MemorySettings(c.slotMillis(), c.windowSlots(), c.nodeFailureThreshold(), c.overloadMissThreshold(),
                c.overloadShare(), c.linkFailureThreshold(), c.slowLinkMissThreshold(), c.slowLinkShare(),
                c.typeMinTasks(), c.typeFailureShare(), c.retentionSlots(), c.recencyHalfLifeSlots(), c.maxLessons(),
                c.shortTermPerSubject(), c.maxShortTermSubjects());
    }

    static Path folderOf(BundleContext context, Config config) {
        if (!config.folder().isBlank()) {
            return Path.of(config.folder().strip());
        }
        String home = context.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            Path here = Path.of("").toAbsolutePath();
            LOG.warn("Framework property {} is not set; keeping the reflective memory under {}", HOME_PROPERTY, here);
            return here.resolve("data").resolve("memory");
        }
        return Path.of(home).resolve("data").resolve("memory");
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        saver.shutdownNow();
        saver.awaitTermination(10, TimeUnit.SECONDS);
        saveQuietly();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRewriter(LessonRewriter lessonRewriter) {
        rewriter.set(lessonRewriter);
    }

    void unbindRewriter(LessonRewriter lessonRewriter) {
        rewriter.compareAndSet(lessonRewriter, LessonRewriter.NONE);
    }

    private void saveQuietly() {
        try {
            store.saveIfChanged(memory);
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not save the reflective memory to {}; the previous file is intact", store.file(), e);
        }
    }

    @Override
    public String name() {
        return memory.name();
    }

    @Override
    public void onDecision(Observation observation, Decision decision, long decisionNanos) {
        memory.onDecision(observation, decision, decisionNanos);
    }

    @Override
    public void onOutcome(Outcome outcome) {
        memory.onOutcome(outcome);
    }

    @Override
    public void onEvent(EnvironmentEvent event) {
        memory.onEvent(event);
    }

    @Override
    public void onEpisodeEnd(int episode) {
        memory.onEpisodeEnd(episode);
        try {
            saver.execute(this::saveQuietly);
        } catch (RejectedExecutionException e) {
            // stopping: deactivate saves once more after the saver has stopped
        }
    }

    @Override
    public List<Reflection> recall(Observation observation, int limit) {
        return memory.recall(observation, limit);
    }

    @Override
    public List<Lesson> lessons() {
        return memory.lessons();
    }

    @Override
    public Map<Integer, List<String>> lastRecalls() {
        return memory.lastRecalls();
    }

    @Override
    public List<Trace> shortTerm() {
        return memory.shortTerm();
    }

    @Override
    public long nowMillis() {
        return memory.nowMillis();
    }

    @Override
    public MemorySettings settings() {
        return memory.settings();
    }

    /** Forgets everything and saves at once, so that a restart does not bring the old memory back. */
    @Override
    public void clear() {
        memory.clear();
        try {
            store.saveIfChanged(memory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cleared the reflective memory but could not write " + store.file()
                    + "; the old memory comes back on restart", e);
        }
    }

    @Override
    public List<String> problems() {
        return store.problems();
    }

    /** Short-term records and lessons, and the file's size at its last save against the most a save writes. */
    @Override
    public List<BufferStatus> buffers() {
        List<BufferStatus> buffers = new ArrayList<>(memory.buffers());
        buffers.add(new BufferStatus("reflect.file-bytes", store.savedBytes(), MemoryStore.maxBytes(memory.settings()),
                0));
        return buffers;
    }
}
