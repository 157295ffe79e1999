package org.ledrl.reflect.internal;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.ledrl.api.command.Arguments;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.ledrl.reflect.Lesson;
import org.ledrl.reflect.LessonMemory;
import org.ledrl.reflect.Trace;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code ledrl memory}: prints the reflective memory's lessons (subject, rule, evidence, age, text),
 * optionally only some subjects, optionally the short-term records too, and resets it with
 * {@code --clear}. Ages are on the memory's clock (simulated time for a simulation's memory).
 */
@Component(service = CliCommand.class)
public final class MemoryCommand implements CliCommand {

    private static final List<String> VALUED = List.of("subject");
    private static final List<String> FLAGS = List.of("short-term", "clear");

    private final LessonMemory memory;

    @Activate
    public MemoryCommand(@Reference(policyOption = ReferencePolicyOption.GREEDY) LessonMemory memory) {
        this.memory = memory;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String summary() {
        return "show the reflective evaluator's lessons and recent outcomes, or clears them";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "usage: ledrl memory [--subject <subject>]... [--short-term]",
                "       ledrl memory --clear",
                "  --subject <s>  only lessons (and records) about s: node:7, link:3-5, type:video,",
                "                 or a kind: node, link, type; repeat for several",
                "  --short-term   also print the short-term memory (last outcomes and events), newest first",
                "  --clear        forget every lesson and record, and save the empty memory");
    }

    @Override
    public int run(List<String> args, CommandContext context) {
        Arguments arguments;
        Predicate<String> subjects;
        try {
            arguments = Arguments.parse(args, VALUED, FLAGS);
            if (!arguments.positional().isEmpty()) {
                throw new Arguments.UsageException("unexpected argument '" + arguments.positional().get(0) + "'");
            }
            if (arguments.flag("clear") && (arguments.flag("short-term") || !arguments.values("subject").isEmpty())) {
                throw new Arguments.UsageException("--clear takes no other option");
            }
            subjects = subjectFilter(arguments.values("subject"));
        } catch (Arguments.UsageException e) {
            context.err().println("memory: " + e.getMessage());
            context.err().println(usage());
            return 2;
        }
        memory.problems().forEach(p -> context.err().println("warning: " + p));
        if (arguments.flag("clear")) {
            return clear(context);
        }
        printLessons(context.out(), subjects);
        if (arguments.flag("short-term")) {
            printShortTerm(context.out(), subjects);
        }
        return 0;
    }

    private int clear(CommandContext context) {
        int lessons = memory.lessons().size();
        int records = memory.shortTerm().size();
        try {
            memory.clear();
        } catch (UncheckedIOException e) {
            context.err().println("memory: " + e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
        context.out().println("Cleared the reflective memory: forgot " + Rulebook.plural(lessons, "lesson") + " and "
                + Rulebook.plural(records, "short-term record") + ".");
        return 0;
    }

    /** A subject matches a filter equal to it, or to its kind; link ends may be given in either order. */
    private static Predicate<String> subjectFilter(List<String> filters) throws Arguments.UsageException {
        if (filters.isEmpty()) {
            return s -> true;
        }
        List<String> exact = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (String filter : filters) {
            for (String f : filter.split(",")) {
                String trimmed = f.strip();
                if (trimmed.equals("node") || trimmed.equals("link") || trimmed.equals("type")) {
                    kinds.add(trimmed + ":");
                } else {
                    try {
                        exact.add(Subject.parse(trimmed).toString());
                    } catch (IllegalArgumentException e) {
                        throw new Arguments.UsageException("--subject: " + e.getMessage());
                    }
                }
            }
        }
        return s -> exact.contains(s) || kinds.stream().anyMatch(s::startsWith);
    }

    private void printLessons(PrintStream out, Predicate<String> subjects) {
        List<Lesson> all = memory.lessons();
        List<Lesson> shown = all.stream().filter(l -> subjects.test(l.subject())).toList();
        out.println("Reflective memory: " + Rulebook.plural(all.size(), "lesson") + " (at most "
                + memory.settings().maxLessons() + "), " + Rulebook.plural(memory.shortTerm().size(),
                "short-term record") + ". Strongest lessons first; ages on the memory's clock.");
        if (shown.isEmpty()) {
            out.println(all.isEmpty() ? "No lessons yet." : "No lessons about those subjects.");
            return;
        }
        long now = memory.nowMillis();
        Map<String, List<Integer>> usedBy = usedBy(memory.lastRecalls());
        Table<Lesson> table = new Table<>(List.of("SUBJECT", "RULE", "EVIDENCE", "AGE", "IN-LAST-PRIORS", "LESSON"),
                l -> List.of(l.subject() + (l.taskType().isEmpty() ? "" : " (" + l.taskType() + ")"), l.rule().id(),
                        Integer.toString(l.evidence()), age(now - l.lastEvidenceMillis()), nodes(usedBy.getOrDefault(
                                RecallLog.name(l.rule().id(), l.subject()), List.of())), l.displayText()));
        table.print(out, shown);
    }

    /** For each lesson (by rule and subject), the nodes whose last prompt carried it. */
    private static Map<String, List<Integer>> usedBy(Map<Integer, List<String>> lastRecalls) {
        Map<String, List<Integer>> usedBy = new TreeMap<>();
        lastRecalls.forEach((node, names) -> names.forEach(n -> usedBy.computeIfAbsent(n, k -> new ArrayList<>())
                .add(node)));
        usedBy.values().forEach(Collections::sort);
        return usedBy;
    }

    private static String nodes(List<Integer> nodes) {
        if (nodes.isEmpty()) {
            return "-";
        }
        String listed = nodes.stream().limit(8).map(String::valueOf).collect(Collectors.joining(","));
        return "node " + listed + (nodes.size() > 8 ? " (+" + (nodes.size() - 8) + ")" : "");
    }

    private void printShortTerm(PrintStream out, Predicate<String> subjects) {
        List<Trace> shown = memory.shortTerm().stream().filter(t -> subjects.test(t.subject())).toList();
        out.println();
        out.println("Short-term memory: " + Rulebook.plural(shown.size(), "record") + ", newest first.");
        if (shown.isEmpty()) {
            return;
        }
        long now = memory.nowMillis();
        Table<Trace> table = new Table<>(List.of("SUBJECT", "AGE", "RECORD"),
                t -> List.of(t.subject(), age(now - t.timeMillis()), describe(t)));
        table.print(out, shown);
    }

    static String describe(Trace t) {
        if (!t.isTask()) {
            return t.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
        String end = t.failure().isSuccess() ? "succeeded" : Rulebook.words(t.failure());
        return "task " + t.taskId() + " (" + t.taskType() + ") " + end;
    }

    /** An age such as {@code 45s}, {@code 3m05s}, {@code 2h03m} or {@code 4d07h}. */
    static String age(long millis) {
        long s = Math.max(0, millis) / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format("%dh%02dm", s / 3600, s / 60 % 60);
        }
        return String.format("%dd%02dh", s / 86_400, s / 3600 % 24);
    }

    /** Left-aligned columns as wide as their widest cell; the last column is not padded. */
    private record Table<T>(List<String> headers, Function<T, List<String>> cells) {

        void print(PrintStream out, List<T> rows) {
            List<List<String>> lines = new ArrayList<>();
            lines.add(headers);
            rows.forEach(r -> lines.add(cells.apply(r)));
            int[] widths = new int[headers.size()];
            for (List<String> line : lines) {
                for (int i = 0; i < line.size(); i++) {
                    widths[i] = Math.max(widths[i], line.get(i).length());
                }
            }
            for (List<String> line : lines) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < line.size(); i++) {
                    boolean last = i == line.size() - 1;
                    sb.append(last ? line.get(i) : String.format("%-" + widths[i] + "s  ", line.get(i)));
                }
                out.println(sb.toString().stripTrailing());
            }
        }
    }
}
