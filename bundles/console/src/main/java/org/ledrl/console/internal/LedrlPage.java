package org.ledrl.console.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.live.Activity;
import org.ledrl.live.InvalidRequestException;
import org.ledrl.live.LiveLink;
import org.ledrl.live.LiveNetwork;
import org.ledrl.live.LiveNode;
import org.ledrl.live.LiveRuntime;
import org.ledrl.metrics.LiveMetrics;
import org.ledrl.metrics.LiveWindow;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "LeDRL" page of the Felix Web Console: a summary line (nodes up, down and unknown, the active
 * policy, decisions per second, success rate), the active policy with a button to switch to each
 * installed one, charts of decisions per second, success rate and decision time over the activity
 * window with the exact numbers per minute below, the nodes (down and stale ones marked in colour
 * and text) with their latest prior, the links, and recent failures. The same as the {@code nodes},
 * {@code policies}, {@code use} and {@code status} commands, from the {@link LiveRuntime}; the 99th
 * percentile decision time comes from {@link LiveMetrics} when the metrics evaluator runs. The
 * console's security provider guards it like every console page; the page has no script and its
 * style sheet is served by the page itself.
 */
@Component(service = Servlet.class)
@ConsolePage(label = LedrlPage.LABEL, title = "LeDRL", css = "/" + LedrlPage.LABEL + "/res/ledrl.css")
public final class LedrlPage extends AbstractServlet {

    static final String LABEL = "ledrl";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LedrlPage.class);
    private static final LiveMetrics NO_METRICS = () -> new LiveWindow(0, 0, Double.NaN, Map.of(), Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, 0, -1);

    private static final String DECISIONS_COLOUR = "#3b6ea5";
    private static final String SUCCESS_COLOUR = "#2e7d32";
    private static final String MEAN_COLOUR = "#1f4e8c";
    private static final String LONGEST_COLOUR = "#d9822b";
    private static final String P99_COLOUR = "#b0306a";

    private final transient LiveRuntime runtime;
    private final transient AtomicReference<LiveMetrics> metrics = new AtomicReference<>(NO_METRICS);
    private final transient DateTimeFormatter time;
    private final transient DateTimeFormatter minute;

    @Activate
    public LedrlPage(@Reference LiveRuntime runtime) {
        this(runtime, ZoneId.systemDefault());
    }

    LedrlPage(LiveRuntime runtime, ZoneId zone) {
        this.runtime = runtime;
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        this.minute = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindMetrics(LiveMetrics liveMetrics) {
        metrics.set(liveMetrics);
    }

    void unbindMetrics(LiveMetrics liveMetrics) {
        // a greedy replacement binds the new service before it unbinds the old one
        metrics.compareAndSet(liveMetrics, NO_METRICS);
    }

    /** The switch button: changes policy, then shows the page again with what happened. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!sameOrigin(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "The policy switch only takes forms of this page");
            return;
        }
        String policy = request.getParameter("policy");
        String message;
        try {
            runtime.usePolicy(policy == null ? "" : policy.strip());
            message = "Deciding with '" + policy + "' now.";
        } catch (InvalidRequestException | IllegalStateException e) {
            message = "Policy not switched: " + e.getMessage();
            LOG.warn("Web Console: {}", message);
        }
        response.sendRedirect(request.getRequestURI() + "?message=" + URLEncoder.encode(message, StandardCharsets.UTF_8));
    }

    /** A form posted from elsewhere (another site, with the browser's saved console login) is refused. */
    private static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            origin = request.getHeader("Referer");
        }
        if (origin == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String host = request.getHeader("Host");
            return host != null && host.equalsIgnoreCase(uri.getAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        render(response.getWriter(), request.getRequestURI(), request.getParameter("message"));
    }

    /** Writes the page's content: {@code pageUri} is where the switch forms post, {@code message} what the last one did. */
    void render(PrintWriter out, String pageUri, String message) {
        LiveNetwork network = runtime.network();
        Activity activity = runtime.activity();
        String active = runtime.activePolicy();
        List<Minute> minutes = Minute.of(activity);
        out.println("<div id='ledrl'>");
        if (message != null && !message.isBlank()) {
            out.println("<p class='ledrl-message ui-state-highlight ui-corner-all' id='ledrl-message'>"
                    + Html.text(message) + "</p>");
        }
        summary(out, network, active, activity);
        policies(out, pageUri, active);
        activity(out, activity, minutes);
        nodes(out, network);
        failures(out, activity);
        out.println("</div>");
    }

    /** One line to read first: nodes by health, the policy, the rates over the window. */
    private static void summary(PrintWriter out, LiveNetwork network, String active, Activity activity) {
        long up = network.nodes().stream().filter(n -> n.status().health() == Health.UP).count();
        long down = network.nodes().stream().filter(n -> n.status().health() == Health.DOWN).count();
        long unknown = network.nodes().stream().filter(n -> n.status().health() == Health.UNKNOWN).count();
        out.println("<p class='statline ledrl-status' id='ledrl-status'>"
                + "<span class='ledrl-fact'>Nodes: <b class='ledrl-count ledrl-up'>" + up + " up</b>, "
                + "<b class='ledrl-count" + (down > 0 ? " ledrl-down" : "") + "'>" + down + " down</b>, "
                + "<b class='ledrl-count" + (unknown > 0 ? " ledrl-unknown" : "") + "'>" + unknown + " unknown</b>"
                + "</span><span class='ledrl-fact'>Policy: <b>" + Html.text(active) + "</b></span>"
                + "<span class='ledrl-fact'><b>" + Html.number(activity.decisionsPerSecond(), 2)
                + "</b> decisions/s</span><span class='ledrl-fact'>success rate <b>"
                + Html.percent(activity.successRate()) + "</b></span><span class='ledrl-fact ledrl-muted'>last "
                + windowMinutes(activity) + " min</span></p>");
    }

    private static void heading(PrintWriter out, String id, String title, String note) {
        out.println("<h2 class='ledrl-heading ui-widget-header ui-corner-top' id='" + id + "'>" + Html.text(title)
                + (note.isEmpty() ? "" : " <span class='ledrl-note'>" + Html.text(note) + "</span>") + "</h2>");
    }

    private void policies(PrintWriter out, String pageUri, String active) {
        List<String> installed = runtime.policies();
        heading(out, "ledrl-policy-heading", "Policy", installed.size() + " installed");
        out.println("<div class='ledrl-section ui-widget-content ui-corner-bottom'>");
        out.println("<p class='ledrl-active'>Deciding with <b id='ledrl-active-policy'>" + Html.text(active)
                + "</b> <span class='ledrl-note' id='ledrl-active-reason'>(" + Html.text(runtime.activePolicyReason())
                + ")</span></p>");
        if (installed.isEmpty()) {
            out.println("<p>No offloading policy is installed: every task stays on its node.</p>");
        }
        out.println("<ul class='ledrl-policies' id='ledrl-policies'>");
        for (String policy : installed) {
            if (policy.equals(active)) {
                out.println("<li class='ledrl-policy ledrl-policy-active'>" + Html.text(policy)
                        + " <span class='ledrl-badge'>active</span></li>");
                continue;
            }
            out.println("<li class='ledrl-policy'><form method='post' action='" + Html.text(pageUri) + "'>"
                    + "<input type='hidden' name='policy' value='" + Html.text(policy) + "'>"
                    + "<button type='submit' class='ui-button'>Use " + Html.text(policy) + "</button></form></li>");
        }
        out.println("</ul></div>");
    }

    private void activity(PrintWriter out, Activity activity, List<Minute> minutes) {
        heading(out, "ledrl-activity-heading", "Activity", "last " + windowMinutes(activity) + " minutes");
        out.println("<div class='ledrl-section ui-widget-content ui-corner-bottom'>");
        out.println("<p id='ledrl-summary'>" + Html.number(activity.decisionsPerSecond(), 2) + " decisions/s, success "
                + "rate " + Html.percent(activity.successRate()) + ", mean decision time "
                + Html.number(activity.meanDecisionMicros(), 1) + " &micro;s; " + activity.decisions() + " decisions and "
                + activity.outcomes() + " outcomes since start, " + activity.unreported() + " never reported.</p>");
        if (activity.buckets().isEmpty()) {
            out.println("<p>The activity window is empty.</p></div>");
            return;
        }
        charts(out, activity, minutes);
        out.println("<table class='tablesorter nicetable ledrl-numbers' id='ledrl-minutes'><thead><tr><th>Minute</th>"
                + "<th>Decisions/s</th><th>Mean decision &micro;s</th><th>Longest decision &micro;s</th>"
                + "<th>Outcomes</th><th>Success rate</th></tr></thead><tbody>");
        for (Minute m : minutes) {
            out.println("<tr><td>" + time.format(Instant.ofEpochMilli(m.startMillis())) + "</td><td>"
                    + Html.number(m.decisionsPerSecond(), 2) + "</td><td>" + Html.number(m.meanMicros(), 1)
                    + "</td><td>" + Html.number(m.longestMicros(), 1) + "</td><td>" + m.outcomes() + "</td><td>"
                    + Html.percent(m.successRate()) + "</td></tr>");
        }
        out.println("</tbody></table></div>");
    }

    /** Decisions per second per bucket, success rate and decision time per minute, side by side. */
    private void charts(PrintWriter out, Activity activity, List<Minute> minutes) {
        List<Activity.Bucket> buckets = activity.buckets();
        long from = buckets.get(0).startMillis();
        long to = buckets.get(buckets.size() - 1).startMillis() + activity.bucketSeconds() * 1000L;
        LiveWindow window = metrics.get().snapshot();
        String decisions = new SvgChart("ledrl-chart-decisions", "Decisions per second", "decisions/s", from, to,
                minute)
                .series("per " + activity.bucketSeconds() + " s", DECISIONS_COLOUR, SvgChart.Style.BARS,
                        buckets.stream().mapToDouble(Activity.Bucket::decisionsPerSecond).toArray())
                .whenEmpty("no decisions yet").render();
        String success = new SvgChart("ledrl-chart-success", "Success rate", "%", from, to, minute).top(100)
                .series("per minute", SUCCESS_COLOUR, SvgChart.Style.LINE,
                        minutes.stream().mapToDouble(m -> 100 * m.successRate()).toArray())
                .whenEmpty("no outcome reported yet").render();
        String decisionTime = new SvgChart("ledrl-chart-decision-time", "Decision time", "\u00b5s", from, to, minute)
                .series("mean", MEAN_COLOUR, SvgChart.Style.LINE,
                        minutes.stream().mapToDouble(Minute::meanMicros).toArray())
                .series("longest", LONGEST_COLOUR, SvgChart.Style.DASHED,
                        minutes.stream().mapToDouble(Minute::longestMicros).toArray())
                .reference("p99 of latest decisions", P99_COLOUR, window.decisionP99Us())
                .whenEmpty("no decisions yet").render();
        out.println("<div class='ledrl-charts'>");
        for (String chart : List.of(decisions, success, decisionTime)) {
            out.println("<figure class='ledrl-figure'>" + chart + "</figure>");
        }
        out.println("</div>");
    }

    private void nodes(PrintWriter out, LiveNetwork network) {
        heading(out, "ledrl-nodes-heading", "Nodes", network.nodes().size() + " known, " + network.links().size()
                + " links");
        out.println("<table class='tablesorter nicetable' id='ledrl-nodes'><thead><tr><th>Node</th><th>Health</th>"
                + "<th>CPU GHz</th><th>Load</th><th>Queue</th><th>Wait s</th><th>Memory</th><th>Temp &deg;C</th>"
                + "<th>Neighbours</th><th>Latest prior</th></tr></thead><tbody>");
        if (network.nodes().isEmpty()) {
            out.println("<tr><td colspan='10'>No node is known: no telemetry source reports any.</td></tr>");
        }
        for (LiveNode node : network.nodes()) {
            NodeStatus s = node.status();
            out.println("<tr class='" + rowClass(s.health(), node.stale()) + "' data-node='" + s.node() + "'><td>"
                    + s.node() + (node.local() ? " <span class='ledrl-muted'>(this gateway)</span>" : "") + "</td><td>"
                    + health(s.health(), node.stale()) + "</td><td>" + Html.number(s.cpuGHz(), 1) + "</td><td>"
                    + Html.number(s.cpuLoad(), 2) + "</td><td>" + s.queueLength() + "</td><td>"
                    + Html.number(s.queueSeconds(), 2) + "</td><td>" + Html.number(s.memoryLoad(), 2) + "</td><td>"
                    + Html.number(s.temperatureC(), 1) + "</td><td>"
                    + Html.text(String.join(", ", node.neighbours().stream().map(String::valueOf).toList()))
                    + "</td><td>" + prior(node.prior(), network.timestampMillis()) + "</td></tr>");
        }
        out.println("</tbody></table>");
        if (network.links().isEmpty()) {
            return;
        }
        out.println("<table class='tablesorter nicetable ledrl-links' id='ledrl-links'><thead><tr><th>Link</th>"
                + "<th>Health</th><th>MB/s</th><th>Latency ms</th><th>From</th></tr></thead><tbody>");
        for (LiveLink link : network.links()) {
            out.println("<tr class='" + rowClass(link.status().health(), link.stale()) + "'><td>" + link.status().a()
                    + "&ndash;" + link.status().b() + "</td><td>" + health(link.status().health(), link.stale())
                    + "</td><td>" + Html.number(link.status().rateMBps(), 1) + "</td><td>"
                    + Html.number(link.status().latencyMs(), 1) + "</td><td>"
                    + (link.configured() ? "configuration" : "telemetry") + "</td></tr>");
        }
        out.println("</tbody></table>");
    }

    private static String rowClass(Health health, boolean stale) {
        return "ledrl-row-" + health.name().toLowerCase(Locale.ROOT) + (stale ? " ledrl-stale-row" : "");
    }

    /** Health as a coloured badge whose text says it too: colour is never the only sign. */
    private static String health(Health health, boolean stale) {
        String symbol = switch (health) {
            case UP -> "&#9679;";
            case DOWN -> "&#10006;";
            case UNKNOWN -> "?";
        };
        return "<span class='ledrl-health ledrl-health-" + health.name().toLowerCase(Locale.ROOT) + "'>"
                + symbol + " " + health + "</span>"
                + (stale ? " <span class='ledrl-stale' title='no recent telemetry'>(stale)</span>" : "");
    }

    private static String prior(StrategyPrior prior, long now) {
        if (prior.isNone()) {
            return "<span class='ledrl-muted'>none yet</span>";
        }
        return Html.text(prior.strategy() + " (" + prior.model() + ", ")
                + Html.number(prior.ageMillis(now) / 1000.0, 0) + " s old)<br><small>" + Html.text(prior.rationale())
                + "</small>";
    }

    private void failures(PrintWriter out, Activity activity) {
        heading(out, "ledrl-failures-heading", "Recent failures", activity.failures().isEmpty() ? ""
                : activity.failures().size() + " latest, newest first");
        if (activity.failures().isEmpty()) {
            out.println("<p class='ledrl-section ui-widget-content ui-corner-bottom'>No failed task in the window.</p>");
            return;
        }
        out.println("<table class='tablesorter nicetable' id='ledrl-failures'><thead><tr><th>Time</th><th>Task</th>"
                + "<th>From</th><th>On</th><th>Reason</th><th>After s</th></tr></thead><tbody>");
        for (Activity.Failure f : activity.failures()) {
            out.println("<tr><td>" + time.format(Instant.ofEpochMilli(f.atMillis())) + "</td><td>" + f.taskId()
                    + "</td><td>" + f.origin() + "</td><td>" + f.executor() + "</td><td>"
                    + "<span class='ledrl-reason'>" + Html.text(f.reason()) + "</span></td><td>"
                    + Html.number(f.latencyS(), 2) + "</td></tr>");
        }
        out.println("</tbody></table>");
    }

    private static int windowMinutes(Activity activity) {
        return activity.buckets().size() * activity.bucketSeconds() / 60;
    }

    /** One minute of the activity window, for the table and the per-minute charts. */
    record Minute(long startMillis, double decisionsPerSecond, double meanMicros, double longestMicros, long outcomes,
                  double successRate) {

        /** The window's buckets grouped by minute (by bucket when a bucket is longer), oldest first. */
        static List<Minute> of(Activity activity) {
            List<Activity.Bucket> buckets = activity.buckets();
            int perMinute = Math.max(1, 60 / activity.bucketSeconds());
            List<Minute> minutes = new ArrayList<>();
            for (int from = 0; from < buckets.size(); from += perMinute) {
                List<Activity.Bucket> slice = buckets.subList(from, Math.min(buckets.size(), from + perMinute));
                // an Activity over the slice weights means and rates by decisions and outcomes, as over the window
                Activity minute = new Activity(activity.bucketSeconds(), slice, List.of(), 0, 0, 0);
                minutes.add(new Minute(slice.get(0).startMillis(), minute.decisionsPerSecond(),
                        minute.meanDecisionMicros(), slice.stream().mapToDouble(Activity.Bucket::maxDecisionMicros)
                        .filter(Double::isFinite).max().orElse(Double.NaN),
                        slice.stream().mapToLong(Activity.Bucket::outcomes).sum(), minute.successRate()));
            }
            return List.copyOf(minutes);
        }
    }
}
