package org.ledrl.reflect.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Reflection;
import org.ledrl.reflect.Lesson;
import org.ledrl.reflect.MemorySettings;

/**
 * The long-term memory: lessons by key, with their evidence and time of last evidence. Bounded
 * ({@code maxLessons}, the weakest lesson evicted first) and aged (a lesson without evidence for
 * {@code retentionSlots} is forgotten). Lessons evicted by the cap are counted ({@link #evicted()});
 * forgetting by age is the retention, not counted. Not thread-safe.
 */
final class LessonBook {

    /** Evidence at which a lesson counts half; more evidence weighs more, with diminishing returns. */
    private static final double EVIDENCE_HALF_WEIGHT = 3.0;
    /** Weight of a per-type lesson (a slow link) when the task at hand is of another type. */
    private static final double OTHER_TYPE_WEIGHT = 0.4;

    private final MemorySettings settings;
    private final Map<LessonKey, Entry> entries = new HashMap<>();
    private long evicted;

    LessonBook(MemorySettings settings) {
        this.settings = settings;
    }

    /** A lesson being kept; mutable under the memory's lock. */
    static final class Entry {
        final LessonKey key;
        final Subject subject;
        String text;
        String prose = "";
        int evidence;
        long firstMillis;
        long lastMillis;
        boolean rewriteInFlight;

        Entry(LessonKey key, Subject subject, String text, int evidence, long firstMillis, long lastMillis) {
            this.key = key;
            this.subject = subject;
            this.text = text;
            this.evidence = evidence;
            this.firstMillis = firstMillis;
            this.lastMillis = lastMillis;
        }

        Lesson toLesson() {
            return new Lesson(key.rule(), key.subject(), key.taskType(), text, prose, evidence, firstMillis, lastMillis);
        }
    }

    /**
     * A rule fired: creates the lesson (its evidence the records supporting it) or refreshes its text,
     * counting the new record as evidence when it supports the lesson.
     *
     * @return the entry when its text changed (a rewrite is due), else empty
     */
    Optional<Entry> confirm(Judgement judgement, Judgement.Finding finding, long timeMillis) {
        Entry entry = entries.get(judgement.key());
        if (entry == null) {
            entry = new Entry(judgement.key(), judgement.subject(), finding.text(), Math.max(1, finding.support()),
                    timeMillis, timeMillis);
            entries.put(entry.key, entry);
            return Optional.of(entry);
        }
        if (judgement.newRecordSupports()) {
            support(entry, timeMillis);
        }
        if (entry.text.equals(finding.text())) {
            return Optional.empty();
        }
        entry.text = finding.text();
        entry.prose = "";
        return Optional.of(entry);
    }

    /** A record supports a lesson whose rule does not fire now: more evidence, same text. */
    void support(LessonKey key, long timeMillis) {
        Entry entry = entries.get(key);
        if (entry != null) {
            support(entry, timeMillis);
        }
    }

    private static void support(Entry entry, long timeMillis) {
        entry.evidence = entry.evidence == Integer.MAX_VALUE ? entry.evidence : entry.evidence + 1;
        entry.lastMillis = Math.max(entry.lastMillis, timeMillis);
    }

    /** Puts a saved lesson back as it was. */
    void restore(Entry entry) {
        entries.put(entry.key, entry);
    }

    Entry get(LessonKey key) {
        return entries.get(key);
    }

    /** Forgets lessons whose last evidence is older than the retention, then evicts the weakest beyond the cap. */
    void age(long nowMillis) {
        entries.values().removeIf(e -> nowMillis - e.lastMillis > settings.retentionMillis());
        if (entries.size() > settings.maxLessons()) {
            List<Entry> weakestFirst = new ArrayList<>(entries.values());
            weakestFirst.sort(byStrength(nowMillis));
            for (int i = 0; i < weakestFirst.size() - settings.maxLessons(); i++) {
                entries.remove(weakestFirst.get(i).key);
                evicted++;
            }
        }
    }

    /** Every lesson, strongest first. */
    List<Lesson> lessons(long nowMillis) {
        List<Entry> all = new ArrayList<>(entries.values());
        all.sort(byStrength(nowMillis).reversed());
        List<Lesson> lessons = new ArrayList<>(all.size());
        all.forEach(e -> lessons.add(e.toLesson()));
        return lessons;
    }

    /** Up to {@code limit} lessons relevant to the observation, ranked by relevance x recency x evidence. */
    List<Reflection> recall(Observation observation, Map<Integer, Integer> hopsByNode, long nowMillis, int limit) {
        List<Scored> scored = new ArrayList<>();
        for (Entry e : entries.values()) {
            double relevance = e.subject.relevance(hopsByNode, observation);
            if (relevance > 0.0) {
                if (!e.key.taskType().isEmpty() && !e.key.taskType().equals(observation.task().type())) {
                    relevance *= OTHER_TYPE_WEIGHT;
                }
                scored.add(new Scored(e, relevance * strength(e, nowMillis)));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed()
                .thenComparing(s -> s.entry.lastMillis, Comparator.reverseOrder())
                .thenComparing(s -> s.entry.key.subject()));
        List<Reflection> recalled = new ArrayList<>(Math.min(limit, scored.size()));
        for (int i = 0; i < scored.size() && i < limit; i++) {
            recalled.add(scored.get(i).entry.toLesson().toReflection(settings.windowMillis(), nowMillis));
        }
        return recalled;
    }

    private record Scored(Entry entry, double score) {
    }

    /** Recency (halving every {@code recencyHalfLifeSlots}) times evidence weight. */
    double strength(Entry e, long nowMillis) {
        double ageSlots = Math.max(0L, nowMillis - e.lastMillis) / (double) settings.slotMillis();
        double recency = Math.pow(0.5, ageSlots / settings.recencyHalfLifeSlots());
        return recency * e.evidence / (e.evidence + EVIDENCE_HALF_WEIGHT);
    }

    private Comparator<Entry> byStrength(long nowMillis) {
        return Comparator.<Entry>comparingDouble(e -> strength(e, nowMillis))
                .thenComparingLong(e -> e.lastMillis)
                .thenComparing(e -> e.key.subject());
    }

    int size() {
        return entries.size();
    }

    /** Lessons evicted because there were more than {@code maxLessons}. */
    long evicted() {
        return evicted;
    }

    void clear() {
        entries.clear();
    }
}
