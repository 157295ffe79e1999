package org.ledrl.reflect.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import org.ledrl.reflect.Trace;

/**
 * The last records per subject (node, link, task type), bounded twice: at most
 * {@code perSubject} records each, and at most {@code maxSubjects} subjects, the one whose newest
 * record is oldest leaving first. What either bound pushes out is counted ({@link #dropped()}).
 * Not thread-safe.
 */
final class ShortTermMemory {

    private final int perSubject;
    private final int maxSubjects;
    /** In order of last record added: the eldest entry is the one to evict. */
    private final LinkedHashMap<String, ArrayDeque<Trace>> bySubject = new LinkedHashMap<>();
    private int size;
    private long dropped;

    ShortTermMemory(int perSubject, int maxSubjects) {
        this.perSubject = perSubject;
        this.maxSubjects = maxSubjects;
    }

    void add(Trace trace) {
        ArrayDeque<Trace> records = bySubject.remove(trace.subject());
        if (records == null) {
            records = new ArrayDeque<>();
        }
        records.addLast(trace);
        size++;
        if (records.size() > perSubject) {
            records.removeFirst();
            size--;
            dropped++;
        }
        bySubject.put(trace.subject(), records);
        if (bySubject.size() > maxSubjects) {
            Iterator<ArrayDeque<Trace>> eldest = bySubject.values().iterator();
            int gone = eldest.next().size();
            eldest.remove();
            size -= gone;
            dropped += gone;
        }
    }

    /** The subject's records later than {@code afterMillis}, oldest first. */
    List<Trace> window(String subject, long afterMillis) {
        ArrayDeque<Trace> records = bySubject.get(subject);
        if (records == null) {
            return List.of();
        }
        List<Trace> window = new ArrayList<>(records.size());
        for (Trace t : records) {
            if (t.timeMillis() > afterMillis) {
                window.add(t);
            }
        }
        return window;
    }

    /** Every record, newest first. */
    List<Trace> newestFirst() {
        return all(Comparator.comparingLong(Trace::timeMillis).reversed());
    }

    /** Every record, oldest first (the order {@link #add} rebuilds it from). */
    List<Trace> oldestFirst() {
        return all(Comparator.comparingLong(Trace::timeMillis));
    }

    private List<Trace> all(Comparator<Trace> order) {
        List<Trace> all = new ArrayList<>();
        bySubject.values().forEach(all::addAll);
        all.sort(order);
        return all;
    }

    int size() {
        return size;
    }

    /** The most records it holds: {@code perSubject} for each of {@code maxSubjects}. */
    long capacity() {
        return (long) perSubject * maxSubjects;
    }

    /** Records pushed out by either bound since it was made (a clear is not counted). */
    long dropped() {
        return dropped;
    }

    int subjects() {
        return bySubject.size();
    }

    void clear() {
        bySubject.clear();
        size = 0;
    }
}
