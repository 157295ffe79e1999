package org.ledrl.reflect.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.ledrl.api.health.BufferStatus;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;
import org.ledrl.api.model.Reflection;
import org.ledrl.reflect.Lesson;
import org.ledrl.reflect.LessonRewriter;
import org.ledrl.reflect.MemorySettings;
import org.ledrl.reflect.MemorySnapshot;
import org.ledrl.reflect.ReflectiveEvaluator;
import org.ledrl.reflect.Rule;
import org.ledrl.reflect.Trace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reflective memory: every outcome and event becomes short-term records (of the executing
 * node, of the link it crossed when it was one hop, of its task type), the rules judge the
 * subject's window after each record, and what they find becomes or refreshes a lesson. One lock
 * guards it all; recall works on at most {@code maxLessons} entries and does no I/O.
 */
public final class ReflectiveMemoryEngine implements ReflectiveEvaluator {

    private static final Logger LOG = LoggerFactory.getLogger(ReflectiveMemoryEngine.class);

    static final String UNTYPED = "untyped";
    /** Longest task type name kept; longer ones are cut, so that records, lessons and the file stay bounded. */
    static final int MAX_TYPE_CHARS = 64;

    private final Object lock = new Object();
    private final MemorySettings settings;
    private final Supplier<LessonRewriter> rewriter;
    private final Rulebook rules;
    private final MemoryClock clock;
    private final ShortTermMemory shortTerm;
    private final LessonBook book;
    private final RecallLog recalls = new RecallLog();
    private long modifications;
    private long lastAgedMillis = MemoryClock.NEVER;
    private boolean rewriteFailing;

    public ReflectiveMemoryEngine(MemorySettings settings, Supplier<LessonRewriter> rewriter) {
        this.settings = settings;
        this.rewriter = rewriter;
        this.rules = new Rulebook(settings);
        this.clock = new MemoryClock(settings.slotMillis(), settings.windowMillis());
        this.shortTerm = new ShortTermMemory(settings.shortTermPerSubject(), settings.maxShortTermSubjects());
        this.book = new LessonBook(settings);
    }

    @Override
    public String name() {
        return "reflective";
    }

    @Override
    public void onOutcome(Outcome outcome) {
        if (outcome.executor() < 0 || outcome.task().origin() < 0) {
            LOG.warn("Ignoring the outcome of task {}: node ids must be 0 or more, not origin {} and executor {}",
                    outcome.task().id(), outcome.task().origin(), outcome.executor());
            return;
        }
        List<LessonBook.Entry> rewritesDue = new ArrayList<>();
        synchronized (lock) {
            long t = clock.advance(outcome.completedMillis());
            String type = typeOf(outcome);
            long id = outcome.task().id();
            FailureReason failure = outcome.failure();
            boolean executorOverloaded = record(new Subject.Node(outcome.executor()), t, Trace.Kind.TASK, failure,
                    type, id, Set.of(), rewritesDue).contains(Rule.OVERLOADED_NODE);
            // the path of a multi-hop transfer is not in the outcome, so only a one-hop transfer names its link;
            // misses at an overloaded executor are the node's, not the link's
            if (outcome.hops() == 1 && outcome.task().origin() != outcome.executor()) {
                record(Subject.Link.of(outcome.task().origin(), outcome.executor()), t, Trace.Kind.TASK, failure,
                        type, id, executorOverloaded ? Set.of(Rule.SLOW_LINK) : Set.of(), rewritesDue);
            }
            record(new Subject.TaskType(type), t, Trace.Kind.TASK, failure, type, id, Set.of(), rewritesDue);
            afterChange(t);
        }
        requestRewrites(rewritesDue);
    }

    /** Tasks without a type name are judged together, under a name that says so. */
    private static String typeOf(Outcome outcome) {
        String type = outcome.task().type();
        if (type == null || type.isBlank()) {
            return UNTYPED;
        }
        String stripped = type.strip();
        return stripped.length() > MAX_TYPE_CHARS ? stripped.substring(0, MAX_TYPE_CHARS) : stripped;
    }

    @Override
    public void onEvent(EnvironmentEvent event) {
        Optional<Trace.Kind> kind = Trace.Kind.of(event.type());
        boolean linkEvent = event.type() == EnvironmentEvent.Type.LINK_FAILED
                || event.type() == EnvironmentEvent.Type.LINK_RESTORED;
        if (kind.isEmpty() || event.node() < 0 || (linkEvent && (event.peer() < 0 || event.peer() == event.node()))) {
            LOG.warn("Ignoring event {}: {}", event, kind.isEmpty() ? "an event type this version does not know"
                    : "node ids must be 0 or more, and a link needs two different ends");
            return;
        }
        List<LessonBook.Entry> rewritesDue = new ArrayList<>();
        synchronized (lock) {
            long t = clock.advance(event.timeMillis());
            Subject subject = linkEvent ? Subject.Link.of(event.node(), event.peer()) : new Subject.Node(event.node());
            record(subject, t, kind.get(), FailureReason.NONE, "", -1, Set.of(), rewritesDue);
            afterChange(t);
        }
        requestRewrites(rewritesDue);
    }

    @Override
    public void onEpisodeEnd(int episode) {
        synchronized (lock) {
            clock.endSegment();
            if (clock.now() != MemoryClock.NEVER) {
                book.age(clock.now());
            }
            modifications++;
        }
    }

    /**
     * Adds a record and applies the rules (but {@code skipped}) to its subject's window. Under the lock.
     *
     * @return the rules that fired
     */
    private Set<Rule> record(Subject subject, long t, Trace.Kind kind, FailureReason failure, String taskType,
                             long taskId, Set<Rule> skipped, List<LessonBook.Entry> rewritesDue) {
        Trace trace = new Trace(subject.toString(), t, kind, failure, taskType, taskId);
        shortTerm.add(trace);
        List<Trace> window = shortTerm.window(trace.subject(), clock.now() - settings.windowMillis());
        Set<Rule> fired = EnumSet.noneOf(Rule.class);
        for (Judgement judgement : rules.judge(trace, subject, window, skipped)) {
            if (judgement.finding().isPresent()) {
                fired.add(judgement.key().rule());
                Optional<LessonBook.Entry> changed = book.confirm(judgement, judgement.finding().get(),
                        trace.timeMillis());
                changed.filter(e -> !e.rewriteInFlight).ifPresent(e -> {
                    e.rewriteInFlight = true;
                    rewritesDue.add(e);
                });
            } else if (judgement.newRecordSupports()) {
                book.support(judgement.key(), trace.timeMillis());
            }
        }
        return fired;
    }

    /** Ages lessons at most once a slot (it walks every lesson). Under the lock. */
    private void afterChange(long t) {
        modifications++;
        long now = clock.now();
        if (lastAgedMillis == MemoryClock.NEVER || now - lastAgedMillis >= settings.slotMillis()
                || book.size() > settings.maxLessons()) {
            book.age(now);
            lastAgedMillis = now;
        }
    }

    /** Asks the rewriter, outside the lock: it may be slow or call back at once. */
    private void requestRewrites(List<LessonBook.Entry> entries) {
        LessonRewriter current = rewriter.get();
        for (LessonBook.Entry entry : entries) {
            Lesson lesson;
            synchronized (lock) {
                lesson = entry.toLesson();
            }
            try {
                current.rewrite(lesson).whenComplete((prose, error) -> rewritten(lesson, prose, error));
            } catch (RuntimeException e) {
                rewritten(lesson, null, e);
            }
        }
    }

    private void rewritten(Lesson asked, String prose, Throwable error) {
        List<LessonBook.Entry> again = new ArrayList<>(1);
        synchronized (lock) {
            LessonBook.Entry entry = book.get(new LessonKey(asked.rule(), asked.subject(), asked.taskType()));
            if (entry == null) {
                return;
            }
            entry.rewriteInFlight = false;
            if (error != null) {
                logRewriteFailure(asked, "failed: " + error);
                return;
            }
            String clean = prose == null ? "" : prose.strip().replaceAll("\\s+", " ");
            if (clean.isEmpty() || clean.length() > LessonRewriter.MAX_PROSE_CHARS) {
                logRewriteFailure(asked, clean.isEmpty() ? "answered with blank prose"
                        : "answered with " + clean.length() + " characters, more than " + LessonRewriter.MAX_PROSE_CHARS);
                return;
            }
            rewriteFailing = false;
            if (entry.text.equals(asked.text())) {
                entry.prose = clean.equals(entry.text) ? "" : clean;
                modifications++;
            } else {
                // the text changed while the rewriter worked: its prose has stale numbers, ask again
                entry.rewriteInFlight = true;
                again.add(entry);
            }
        }
        requestRewrites(again);
    }

    /** Warns once per run of failures, so a rewriter that is down does not flood the log. Under the lock. */
    private void logRewriteFailure(Lesson asked, String what) {
        if (!rewriteFailing) {
            LOG.warn("Lesson rewriter {} for lesson {} of {}; keeping the rules' text (further failures at debug)",
                    what, asked.rule().id(), asked.subject());
            rewriteFailing = true;
        } else {
            LOG.debug("Lesson rewriter {} for lesson {} of {}", what, asked.rule().id(), asked.subject());
        }
    }

    @Override
    public List<Reflection> recall(Observation observation, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Map<Integer, Integer> hopsByNode = new HashMap<>();
        hopsByNode.put(observation.agent(), 0);
        for (Candidate c : observation.candidates()) {
            hopsByNode.merge(c.node(), c.hops(), Math::min);
        }
        List<Reflection> recalled;
        synchronized (lock) {
            recalled = book.recall(observation, hopsByNode, clock.peek(observation.timeMillis()), limit);
        }
        recalls.record(observation.agent(), recalled);
        return recalled;
    }

    @Override
    public Map<Integer, List<String>> lastRecalls() {
        return recalls.snapshot();
    }

    @Override
    public List<Lesson> lessons() {
        synchronized (lock) {
            return book.lessons(clock.now());
        }
    }

    @Override
    public List<Trace> shortTerm() {
        synchronized (lock) {
            return shortTerm.newestFirst();
        }
    }

    @Override
    public long nowMillis() {
        synchronized (lock) {
            return clock.now();
        }
    }

    @Override
    public MemorySettings settings() {
        return settings;
    }

    @Override
    public void clear() {
        synchronized (lock) {
            book.clear();
            shortTerm.clear();
            recalls.clear();
            modifications++;
        }
    }

    /** The short-term records and the lessons: held now, the most they hold, and what their caps pushed out. */
    public List<BufferStatus> buffers() {
        synchronized (lock) {
            return List.of(new BufferStatus("reflect.short-term", shortTerm.size(), shortTerm.capacity(),
                            shortTerm.dropped()),
                    new BufferStatus("reflect.lessons", book.size(), settings.maxLessons(), book.evicted()));
        }
    }

    @Override
    public long modifications() {
        synchronized (lock) {
            return modifications;
        }
    }

    @Override
    public MemorySnapshot snapshot() {
        synchronized (lock) {
            return new MemorySnapshot(clock.now(), book.lessons(clock.now()), shortTerm.oldestFirst());
        }
    }

    @Override
    public void restore(MemorySnapshot snapshot) {
        List<LessonBook.Entry> entries = new ArrayList<>(snapshot.lessons().size());
        for (int i = 0; i < snapshot.lessons().size(); i++) {
            entries.add(validEntry(i, snapshot.lessons().get(i)));
        }
        for (int i = 0; i < snapshot.shortTerm().size(); i++) {
            validTrace(i, snapshot.shortTerm().get(i));
        }
        synchronized (lock) {
            book.clear();
            shortTerm.clear();
            clock.restore(snapshot.clockMillis());
            entries.forEach(book::restore);
            snapshot.shortTerm().forEach(shortTerm::add);
            if (clock.now() != MemoryClock.NEVER) {
                book.age(clock.now());
            }
            modifications++;
        }
    }

    private static LessonBook.Entry validEntry(int index, Lesson lesson) {
        String where = "lesson " + (index + 1);
        if (lesson == null) {
            throw new IllegalArgumentException(where + " is empty");
        }
        present(where, "rule", lesson.rule());
        present(where, "subject", lesson.subject());
        present(where, "taskType", lesson.taskType());
        present(where, "text", lesson.text());
        present(where, "prose", lesson.prose());
        Subject subject = parse(where, lesson.subject());
        if (!Rulebook.fits(lesson.rule(), subject)) {
            throw new IllegalArgumentException(
                    where + ": rule " + lesson.rule().id() + " is not about a subject like " + lesson.subject());
        }
        if (lesson.text().isBlank()) {
            throw new IllegalArgumentException(where + " (" + lesson.subject() + ") has no text");
        }
        if (lesson.evidence() < 1) {
            throw new IllegalArgumentException(
                    where + " (" + lesson.subject() + ") has evidence " + lesson.evidence() + ", less than 1");
        }
        if (lesson.firstEvidenceMillis() > lesson.lastEvidenceMillis()) {
            throw new IllegalArgumentException(where + " (" + lesson.subject()
                    + ") has its first evidence after its last");
        }
        LessonBook.Entry entry = new LessonBook.Entry(new LessonKey(lesson.rule(), subject.toString(),
                lesson.taskType()), subject, lesson.text(), lesson.evidence(), lesson.firstEvidenceMillis(),
                lesson.lastEvidenceMillis());
        entry.prose = lesson.prose();
        return entry;
    }

    private static void validTrace(int index, Trace trace) {
        String where = "short-term record " + (index + 1);
        if (trace == null) {
            throw new IllegalArgumentException(where + " is empty");
        }
        present(where, "subject", trace.subject());
        present(where, "kind", trace.kind());
        present(where, "failure", trace.failure());
        present(where, "taskType", trace.taskType());
        parse(where, trace.subject());
    }

    private static Subject parse(String where, String subject) {
        try {
            return Subject.parse(subject);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static void present(String where, String field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(where + " has no " + field);
        }
    }
}
