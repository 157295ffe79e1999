package org.ledrl.reflect.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.ledrl.api.model.FailureReason;
import org.ledrl.reflect.MemorySettings;
import org.ledrl.reflect.Rule;
import org.ledrl.reflect.Trace;
import org.ledrl.reflect.Trace.Kind;

/**
 * The rules of the package documentation, applied to the short-term window of the subject that
 * just got a new record. Pure: the same window gives the same judgements.
 */
final class Rulebook {

    private static final Set<FailureReason> NODE_FAULTS = Set.of(FailureReason.NODE_FAILED,
            FailureReason.EXECUTION_FAILURE);
    private static final Set<FailureReason> OVERLOAD = Set.of(FailureReason.DEADLINE_MISSED,
            FailureReason.QUEUE_FULL);
    private static final Set<FailureReason> LINK_FAULTS = Set.of(FailureReason.LINK_FAILED,
            FailureReason.TRANSMISSION_FAILURE);

    private final MemorySettings settings;

    Rulebook(MemorySettings settings) {
        this.settings = settings;
    }

    /**
     * The judgements of every rule that applies to {@code newest}'s subject, given its window (which
     * includes it), except {@code skipped} ones.
     */
    List<Judgement> judge(Trace newest, Subject subject, List<Trace> window, Set<Rule> skipped) {
        List<Judgement> judgements = new ArrayList<>(2);
        if (subject instanceof Subject.Node node) {
            judgements.add(failingNode(newest, node, window));
            judgements.add(overloadedNode(newest, node, window));
        } else if (subject instanceof Subject.Link link) {
            judgements.add(failingLink(newest, link, window));
            if (newest.isTask() && !skipped.contains(Rule.SLOW_LINK)) {
                judgements.add(slowLink(newest, link, window));
            }
        } else if (subject instanceof Subject.TaskType type && newest.isTask()) {
            judgements.add(failingType(newest, type, window));
        }
        return judgements;
    }

    /** Whether {@code rule} can be about {@code subject}; a saved lesson that breaks this is corrupt. */
    static boolean fits(Rule rule, Subject subject) {
        return switch (rule) {
            case FAILING_NODE, OVERLOADED_NODE -> subject instanceof Subject.Node;
            case FAILING_LINK, SLOW_LINK -> subject instanceof Subject.Link;
            case FAILING_TASK_TYPE -> subject instanceof Subject.TaskType;
        };
    }

    private Judgement failingNode(Trace newest, Subject.Node node, List<Trace> window) {
        Predicate<Trace> fault = t -> t.kind() == Kind.NODE_HARDWARE_FAILURE || t.kind() == Kind.NODE_SOFTWARE_FAILURE
                || (t.isTask() && NODE_FAULTS.contains(t.failure()));
        int outages = count(window, t -> t.kind() == Kind.NODE_HARDWARE_FAILURE || t.kind() == Kind.NODE_SOFTWARE_FAILURE);
        int lost = count(window, t -> t.isTask() && t.failure() == FailureReason.NODE_FAILED);
        int executions = count(window, t -> t.isTask() && t.failure() == FailureReason.EXECUTION_FAILURE);
        int failures = outages + lost + executions;
        Optional<Judgement.Finding> finding = Optional.empty();
        if (failures >= settings.nodeFailureThreshold()) {
            List<String> parts = new ArrayList<>(3);
            addIfAny(parts, outages, "went down " + times(outages));
            addIfAny(parts, lost, plural(lost, "task") + " lost when it failed");
            addIfAny(parts, executions, plural(executions, "execution failure"));
            finding = Optional.of(new Judgement.Finding("node " + node.id() + " failed " + times(failures)
                    + " in the last " + slots() + ": " + String.join(", ", parts), failures));
        }
        return new Judgement(new LessonKey(Rule.FAILING_NODE, node.toString(), ""), node, finding, fault.test(newest));
    }

    private Judgement overloadedNode(Trace newest, Subject.Node node, List<Trace> window) {
        Predicate<Trace> miss = t -> t.isTask() && OVERLOAD.contains(t.failure());
        int tasks = count(window, Rulebook::judgedTask);
        int misses = count(window, miss);
        Optional<Judgement.Finding> finding = Optional.empty();
        if (misses >= settings.overloadMissThreshold() && misses >= settings.overloadShare() * tasks) {
            finding = Optional.of(new Judgement.Finding("node " + node.id() + " is overloaded: " + misses + " of "
                    + plural(tasks, "task") + " it ran in the last " + slots()
                    + " missed the deadline or found the queue full", misses));
        }
        return new Judgement(new LessonKey(Rule.OVERLOADED_NODE, node.toString(), ""), node, finding, miss.test(newest));
    }

    private Judgement failingLink(Trace newest, Subject.Link link, List<Trace> window) {
        Predicate<Trace> fault = t -> t.kind() == Kind.LINK_FAILED || (t.isTask() && LINK_FAULTS.contains(t.failure()));
        int outages = count(window, t -> t.kind() == Kind.LINK_FAILED);
        int transfers = count(window, t -> t.isTask() && LINK_FAULTS.contains(t.failure()));
        int failures = outages + transfers;
        Optional<Judgement.Finding> finding = Optional.empty();
        if (failures >= settings.linkFailureThreshold()) {
            List<String> parts = new ArrayList<>(2);
            addIfAny(parts, outages, "went down " + times(outages));
            addIfAny(parts, transfers, plural(transfers, "transfer") + " failed");
            finding = Optional.of(new Judgement.Finding("link " + link.a() + "-" + link.b() + " failed "
                    + times(failures) + " in the last " + slots() + ": " + String.join(", ", parts), failures));
        }
        return new Judgement(new LessonKey(Rule.FAILING_LINK, link.toString(), ""), link, finding, fault.test(newest));
    }

    private Judgement slowLink(Trace newest, Subject.Link link, List<Trace> window) {
        String type = newest.taskType();
        Predicate<Trace> ofType = t -> judgedTask(t) && t.taskType().equals(type);
        Predicate<Trace> miss = ofType.and(t -> t.failure() == FailureReason.DEADLINE_MISSED);
        int sent = count(window, ofType);
        int misses = count(window, miss);
        Optional<Judgement.Finding> finding = Optional.empty();
        if (misses >= settings.slowLinkMissThreshold() && misses >= settings.slowLinkShare() * sent) {
            finding = Optional.of(new Judgement.Finding("link " + link.a() + "-" + link.b() + " is slow when " + type
                    + " tasks pile up: " + misses + " of " + sent + " sent over it in the last " + slots()
                    + " missed the deadline", misses));
        }
        return new Judgement(new LessonKey(Rule.SLOW_LINK, link.toString(), type), link, finding, miss.test(newest));
    }

    private Judgement failingType(Trace newest, Subject.TaskType type, List<Trace> window) {
        Predicate<Trace> failed = t -> judgedTask(t) && !t.failure().isSuccess();
        int tasks = count(window, Rulebook::judgedTask);
        Map<FailureReason, Integer> reasons = new EnumMap<>(FailureReason.class);
        window.stream().filter(failed).forEach(t -> reasons.merge(t.failure(), 1, Integer::sum));
        int failures = reasons.values().stream().mapToInt(Integer::intValue).sum();
        Optional<Judgement.Finding> finding = Optional.empty();
        if (tasks >= settings.typeMinTasks() && failures >= settings.typeFailureShare() * tasks) {
            // the commonest reason; EnumMap order breaks ties the same way every time
            FailureReason main = reasons.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            finding = Optional.of(new Judgement.Finding(type.name() + " tasks fail often: " + failures + " of "
                    + tasks + " failed in the last " + slots() + ", mostly " + words(main) + " ("
                    + reasons.get(main) + ")", failures));
        }
        return new Judgement(new LessonKey(Rule.FAILING_TASK_TYPE, type.toString(), ""), type, finding,
                failed.test(newest));
    }

    /** A task the rules judge: a policy error says nothing about the network, so it is left out. */
    private static boolean judgedTask(Trace t) {
        return t.isTask() && t.failure() != FailureReason.POLICY_ERROR;
    }

    private String slots() {
        return plural(settings.windowSlots(), "slot");
    }

    private static int count(List<Trace> window, Predicate<Trace> which) {
        int n = 0;
        for (Trace t : window) {
            if (which.test(t)) {
                n++;
            }
        }
        return n;
    }

    private static void addIfAny(List<String> parts, int n, String part) {
        if (n > 0) {
            parts.add(part);
        }
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }

    static String words(FailureReason reason) {
        return reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
