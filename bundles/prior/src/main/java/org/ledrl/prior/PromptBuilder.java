package org.ledrl.prior;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Reflection;
import org.ledrl.api.model.Task;
import org.ledrl.api.prior.PromptContext;
import org.ledrl.prior.internal.Template;

/**
 * Renders the prompt for one node from a {@link PromptContext}: the node and its neighbourhood (per
 * node: health, CPU, queue, recent failures and the estimates of the system model; per path: rate,
 * latency, failure rate), the task with a one-line description of its type, the recent trend and the
 * reflective memory. Per candidate node the prompt also carries what the whole network did with it
 * ({@link PromptContext.Trend#nodes()}: other agents' tasks per slot and senders, tasks already sent this slot,
 * and the misses and failures of the tasks that ended there), the same facts the heuristic prior reads. The wording lives in template files an operator can edit; the defaults ship
 * inside this bundle and a file of the same name in an operator's folder replaces one.
 *
 * <p>Files: {@value #SYSTEM}, {@value #USER}, {@value #RETRY} (the message that feeds a rejected
 * answer's error back) and {@value #TASK_TYPES}. Immutable and thread-safe. Used by the LLM
 * providers (through {@link TemplateFolder}) and by the {@code prior} command.
 */
public final class PromptBuilder {

    public static final String SYSTEM = "prior-system.txt";
    public static final String USER = "prior-user.txt";
    public static final String RETRY = "prior-retry.txt";
    public static final String TASK_TYPES = "task-types.properties";
    public static final List<String> FILES = List.of(SYSTEM, USER, RETRY, TASK_TYPES);

    private static final String DEFAULTS = "templates/";
    private static final String NO_DESCRIPTION = "no description";
    private static final String STRATEGIES = Arrays.stream(GlobalStrategy.values())
            .filter(s -> s != GlobalStrategy.NONE).map(Enum::name).collect(Collectors.joining(", "));

    private final Template system;
    private final Template user;
    private final Template retry;
    private final Map<String, String> taskTypes;
    private final Map<String, String> sources;

    private PromptBuilder(Template system, Template user, Template retry, Map<String, String> taskTypes,
                          Map<String, String> sources) {
        this.system = system;
        this.user = user;
        this.retry = retry;
        this.taskTypes = Map.copyOf(taskTypes);
        this.sources = Map.copyOf(sources);
    }

    /** The templates shipped in this bundle. */
    public static PromptBuilder defaults() {
        return load(null);
    }

    /**
     * The shipped templates, each replaced by the file of the same name in {@code folder} where there
     * is one ({@code null}: none replaced). Every template is checked by rendering a sample situation,
     * so a typo in an edited file fails here, naming the file and line.
     *
     * @throws TemplateException naming the file that cannot be read, parsed or rendered
     */
    public static PromptBuilder load(Path folder) {
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (String file : FILES) {
            Path override = folder == null ? null : folder.resolve(file);
            if (override != null && Files.isRegularFile(override)) {
                try {
                    texts.put(file, Files.readString(override, StandardCharsets.UTF_8));
                } catch (IOException | RuntimeException e) {
                    throw new TemplateException(override + ": cannot be read as UTF-8 text: " + e.getMessage(), e);
                }
                sources.put(file, override.toString());
            } else {
                texts.put(file, readDefault(file));
                sources.put(file, "built-in " + file);
            }
        }
        PromptBuilder builder = new PromptBuilder(
                Template.parse(sources.get(SYSTEM), texts.get(SYSTEM)),
                Template.parse(sources.get(USER), texts.get(USER)),
                Template.parse(sources.get(RETRY), texts.get(RETRY)),
                parseTaskTypes(sources.get(TASK_TYPES), texts.get(TASK_TYPES)),
                sources);
        builder.render(sampleContext());
        builder.retryMessage(sampleContext().observation(), "sample rejection");
        return builder;
    }

    /** Where each template came from: a file path, or "built-in NAME". */
    public Map<String, String> sources() {
        return sources;
    }

    public Prompt render(PromptContext context) {
        Map<String, Object> data = data(context);
        return new Prompt(system.render(data), user.render(data));
    }

    /** The follow-up message after a rejected answer: what was wrong, and the format again. */
    public String retryMessage(Observation observation, String detail) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("detail", detail);
        data.put("strategies", STRATEGIES);
        data.put("candidate_ids", candidateIds(observation));
        data.put("node", String.valueOf(observation.agent()));
        return retry.render(data);
    }

    /** The one-line description of a task type, "no description" for a type the file does not list. */
    public String describe(String taskType) {
        return taskTypes.getOrDefault(taskType, NO_DESCRIPTION);
    }

    private Map<String, Object> data(PromptContext context) {
        Observation obs = context.observation();
        PromptContext.Trend trend = context.trend();
        Task task = obs.task();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("node", String.valueOf(obs.agent()));
        d.put("time_s", number(obs.timeMillis() / 1000.0, 1));
        d.put("task_id", String.valueOf(task.id()));
        d.put("task_type", task.type());
        d.put("task_description", describe(task.type()));
        d.put("task_size_kb", number(task.sizeKB(), 0));
        d.put("task_cycles_per_bit", number(task.cyclesPerBit(), 0));
        d.put("task_gigacycles", number(task.cycles() / 1e9, 2));
        d.put("task_deadline_s", number(task.deadlineS(), 2));
        d.put("reliability_threshold", number(obs.reliabilityThreshold(), 2));
        d.put("strategies", STRATEGIES);
        d.put("candidate_ids", candidateIds(obs));

        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> links = new ArrayList<>();
        for (Candidate c : obs.candidates()) {
            NodeStatus s = c.status();
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", String.valueOf(c.node()));
            n.put("self", c.hops() == 0);
            n.put("health", health(s.health()));
            n.put("available", c.available());
            n.put("cpu_ghz", number(s.cpuGHz(), 2));
            n.put("cpu_load", number(s.cpuLoad(), 2));
            n.put("queue_length", String.valueOf(s.queueLength()));
            n.put("queue_s", number(s.queueSeconds(), 2));
            n.put("memory_load", number(s.memoryLoad(), 2));
            n.put("recent_failures", String.valueOf(s.recentFailures()));
            n.put("est_latency_s", number(c.estimatedLatency(task), 2));
            n.put("est_reliability", number(c.estimatedReliability(task), 3));
            PromptContext.NodeActivity activity = trend.activityOf(c.node());
            n.put("has_activity", !activity.equals(PromptContext.NodeActivity.NONE));
            n.put("inflow_per_slot", number(activity.inflowPerSlot(), 2));
            n.put("senders", String.valueOf(activity.senders()));
            n.put("sent_this_slot", String.valueOf(activity.sentThisSlot()));
            n.put("ended_there", String.valueOf(activity.executed()));
            n.put("misses_there", String.valueOf(activity.deadlineMisses()));
            n.put("failures_there", String.valueOf(activity.failures()));
            nodes.add(n);
            if (c.hops() > 0) {
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("to", String.valueOf(c.node()));
                l.put("hops", String.valueOf(c.hops()));
                l.put("health", c.pathUp() ? "up" : "down");
                l.put("rate_mbps", number(c.secondsPerMB() > 0 ? 1.0 / c.secondsPerMB() : Double.NaN, 1));
                l.put("latency_ms", number(c.pathLatencyS() * 1000.0, 1));
                l.put("failure_rate", number(c.pathFailureRate(), 4));
                l.put("transfer_s", number(c.transferSeconds(task), 2));
                links.add(l);
            }
        }
        d.put("nodes", nodes);
        d.put("links", links);

        d.put("has_trend", trend.tasks() > 0);
        d.put("trend_window_slots", String.valueOf(trend.windowSlots()));
        d.put("trend_tasks", String.valueOf(trend.tasks()));
        d.put("trend_success_rate", number(trend.successRate(), 2));
        d.put("trend_mean_latency_s", number(trend.meanLatencyS(), 2));
        List<Map<String, Object>> failures = new ArrayList<>();
        for (FailureReason reason : FailureReason.values()) {
            Integer count = trend.failures().get(reason);
            if (reason != FailureReason.NONE && count != null && count > 0) {
                failures.add(Map.of("reason", reason.name(), "count", String.valueOf(count)));
            }
        }
        d.put("trend_failures", failures);

        List<Map<String, Object>> memory = new ArrayList<>();
        for (Reflection r : context.memory()) {
            memory.add(Map.of("subject", r.subject(), "text", r.text(), "evidence", String.valueOf(r.evidence())));
        }
        d.put("memory", memory);
        return d;
    }

    private static String candidateIds(Observation obs) {
        return obs.candidates().stream().map(c -> String.valueOf(c.node())).collect(Collectors.joining(", "));
    }

    private static String health(Health health) {
        return health.name().toLowerCase(Locale.ROOT);
    }

    private static String number(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "unknown";
    }

    private static String readDefault(String file) {
        try (InputStream in = PromptBuilder.class.getResourceAsStream(DEFAULTS + file)) {
            if (in == null) {
                throw new TemplateException("built-in template " + file + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TemplateException("built-in template " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> parseTaskTypes(String source, String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new TemplateException(source + ": not a valid properties file: " + e.getMessage(), e);
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            types.put(key.trim(), properties.getProperty(key).trim());
        }
        return types;
    }

    /** A situation that fills every section, so that checking a template reaches every name in it. */
    private static PromptContext sampleContext() {
        Task task = new Task(1, 0, 0, 300, 1000, 4.0, "generic");
        NodeStatus self = new NodeStatus(0, Health.UP, 3.0, 0.5, 1, 0.4, 0.3, Double.NaN, Double.NaN, 0, 0);
        NodeStatus peer = new NodeStatus(1, Health.DOWN, 3.0, 0.2, 0, 0.0, 0.3, Double.NaN, Double.NaN, 2, 0);
        Observation obs = new Observation(0, 0, task, List.of(
                new Candidate(self, 0.01, 0, 0, 0, 0, true),
                new Candidate(peer, 0.01, 1, 0.05, 0.002, 0.01, true)), 0.9);
        PromptContext.Trend trend = new PromptContext.Trend(20, 5, 0.6, 1.2, Map.of(FailureReason.NODE_FAILED, 2),
                Map.of(1, new PromptContext.NodeActivity(1.5, 3, 4, 1, 1, 2)));
        return new PromptContext(obs, trend, List.of(new Reflection("node:1", "node 1 failed twice", 2, 0)));
    }
}
