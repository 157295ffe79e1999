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
import java.util.List;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.live.Activity;
import org.ledrl.live.InvalidRequestException;
import org.ledrl.live.LiveLink;
import org.ledrl.live.LiveNetwork;
import org.ledrl.live.LiveNode;
import org.ledrl.live.LiveRuntime;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "LeDRL" page of the Felix Web Console: the nodes with their status (stale ones marked), the
 * active policy and the installed ones with a button to switch, decisions per second, success rate
 * and decision time over the last minutes, the latest prior per node, and recent failures. The same
 * as the {@code nodes}, {@code policies}, {@code use} and {@code status} commands, from the
 * {@link LiveRuntime}. The console's security provider guards it like every console page.
 */
@Component(service = Servlet.class)
@ConsolePage(label = LedrlPage.LABEL, title = "LeDRL")
public final class LedrlPage extends AbstractServlet {

    static final String LABEL = "ledrl";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LedrlPage.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final transient LiveRuntime runtime;

    @Activate
    public LedrlPage(@Reference LiveRuntime runtime) {
        this.runtime = runtime;
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
        PrintWriter out = response.getWriter();
        LiveNetwork network = runtime.network();
        Activity activity = runtime.activity();
        String message = request.getParameter("message");
        out.println("<div id='ledrl'>");
        if (message != null && !message.isBlank()) {
            out.println("<p class='statline ui-state-highlight' id='ledrl-message'>" + escape(message) + "</p>");
        }
        policies(out, request);
        activity(out, activity);
        nodes(out, network);
        failures(out, activity);
        out.println("</div>");
    }

    private void policies(PrintWriter out, HttpServletRequest request) {
        String active = runtime.activePolicy();
        out.println("<h2>Policy</h2>");
        out.println("<p>Deciding with <b id='ledrl-active-policy'>" + escape(active) + "</b>.</p>");
        out.println("<table class='nicetable' id='ledrl-policies'><thead><tr><th>Installed policy</th><th></th></tr>"
                + "</thead><tbody>");
        List<String> installed = runtime.policies();
        if (installed.isEmpty()) {
            out.println("<tr><td colspan='2'>No offloading policy is installed: every task stays on its node.</td></tr>");
        }
        for (String policy : installed) {
            out.print("<tr><td>" + escape(policy) + "</td><td>");
            if (policy.equals(active)) {
                out.print("active");
            } else {
                out.print("<form method='post' action='" + escape(request.getRequestURI()) + "'>"
                        + "<input type='hidden' name='policy' value='" + escape(policy) + "'>"
                        + "<button type='submit' class='ui-button'>Use " + escape(policy) + "</button></form>");
            }
            out.println("</td></tr>");
        }
        out.println("</tbody></table>");
    }

    private static void activity(PrintWriter out, Activity activity) {
        int minutes = activity.buckets().size() * activity.bucketSeconds() / 60;
        out.println("<h2>Last " + minutes + " minutes</h2>");
        out.println("<p id='ledrl-summary'>" + number(activity.decisionsPerSecond(), 2) + " decisions/s, success rate "
                + percent(activity.successRate()) + ", mean decision time " + number(activity.meanDecisionMicros(), 1)
                + " &micro;s; " + activity.decisions() + " decisions and " + activity.outcomes()
                + " outcomes since start, " + activity.unreported() + " never reported.</p>");
        out.println("<table class='nicetable'><thead><tr><th>Minute</th><th>Decisions/s</th><th>Mean decision "
                + "&micro;s</th><th>Longest decision &micro;s</th><th>Outcomes</th><th>Success rate</th></tr></thead><tbody>");
        List<Activity.Bucket> buckets = activity.buckets();
        int perMinute = Math.max(1, 60 / activity.bucketSeconds());
        for (int from = 0; from < buckets.size(); from += perMinute) {
            List<Activity.Bucket> minute = buckets.subList(from, Math.min(buckets.size(), from + perMinute));
            Activity slice = new Activity(activity.bucketSeconds(), minute, List.of(), 0, 0, 0);
            double longest = minute.stream().mapToDouble(Activity.Bucket::maxDecisionMicros).filter(Double::isFinite)
                    .max().orElse(Double.NaN);
            out.println("<tr><td>" + TIME.format(Instant.ofEpochMilli(minute.get(0).startMillis())) + "</td><td>"
                    + number(slice.decisionsPerSecond(), 2) + "</td><td>" + number(slice.meanDecisionMicros(), 1)
                    + "</td><td>" + number(longest, 1) + "</td><td>"
                    + minute.stream().mapToLong(Activity.Bucket::outcomes).sum() + "</td><td>"
                    + percent(slice.successRate()) + "</td></tr>");
        }
        out.println("</tbody></table>");
    }

    private static void nodes(PrintWriter out, LiveNetwork network) {
        out.println("<h2>Nodes</h2>");
        out.println("<table class='nicetable' id='ledrl-nodes'><thead><tr><th>Node</th><th>Health</th><th>CPU GHz</th>"
                + "<th>Load</th><th>Queue</th><th>Wait s</th><th>Memory</th><th>Temp &deg;C</th><th>Neighbours</th>"
                + "<th>Latest prior</th></tr></thead><tbody>");
        if (network.nodes().isEmpty()) {
            out.println("<tr><td colspan='10'>No node is known: no telemetry source reports any.</td></tr>");
        }
        for (LiveNode node : network.nodes()) {
            NodeStatus s = node.status();
            String health = s.health() + (node.stale() ? " <span class='ledrl-stale' style='color:#b00'>(stale)</span>" : "");
            out.println("<tr class='ledrl-node" + (node.stale() ? " ledrl-stale-node" : "") + "' data-node='" + s.node()
                    + "'><td>" + s.node() + (node.local() ? " (this gateway)" : "") + "</td><td>" + health + "</td><td>"
                    + number(s.cpuGHz(), 1) + "</td><td>" + number(s.cpuLoad(), 2) + "</td><td>" + s.queueLength()
                    + "</td><td>" + number(s.queueSeconds(), 2) + "</td><td>" + number(s.memoryLoad(), 2) + "</td><td>"
                    + number(s.temperatureC(), 1) + "</td><td>"
                    + escape(String.join(", ", node.neighbours().stream().map(String::valueOf).toList())) + "</td><td>"
                    + prior(node.prior(), network.timestampMillis()) + "</td></tr>");
        }
        out.println("</tbody></table>");
        if (!network.links().isEmpty()) {
            out.println("<table class='nicetable' id='ledrl-links'><thead><tr><th>Link</th><th>Health</th><th>MB/s</th>"
                    + "<th>Latency ms</th><th>From</th></tr></thead><tbody>");
            for (LiveLink link : network.links()) {
                out.println("<tr><td>" + link.status().a() + "&ndash;" + link.status().b() + "</td><td>"
                        + link.status().health() + (link.stale() ? " (stale)" : "") + "</td><td>"
                        + number(link.status().rateMBps(), 1) + "</td><td>" + number(link.status().latencyMs(), 1)
                        + "</td><td>" + (link.configured() ? "configuration" : "telemetry") + "</td></tr>");
            }
            out.println("</tbody></table>");
        }
    }

    private static String prior(StrategyPrior prior, long now) {
        if (prior.isNone()) {
            return "none yet";
        }
        return escape(prior.strategy() + " (" + prior.model() + ", " + number(prior.ageMillis(now) / 1000.0, 0)
                + " s old)") + "<br><small>" + escape(prior.rationale()) + "</small>";
    }

    private static void failures(PrintWriter out, Activity activity) {
        out.println("<h2>Recent failures</h2>");
        if (activity.failures().isEmpty()) {
            out.println("<p>No failed task in the window.</p>");
            return;
        }
        out.println("<table class='nicetable' id='ledrl-failures'><thead><tr><th>Time</th><th>Task</th><th>From</th>"
                + "<th>On</th><th>Reason</th><th>After s</th></tr></thead><tbody>");
        for (Activity.Failure f : activity.failures()) {
            out.println("<tr><td>" + TIME.format(Instant.ofEpochMilli(f.atMillis())) + "</td><td>" + f.taskId()
                    + "</td><td>" + f.origin() + "</td><td>" + f.executor() + "</td><td>" + f.reason() + "</td><td>"
                    + number(f.latencyS(), 2) + "</td></tr>");
        }
        out.println("</tbody></table>");
    }

    private static String number(double value, int decimals) {
        return Double.isFinite(value) ? String.format("%." + decimals + "f", value) : "&ndash;";
    }

    private static String percent(double rate) {
        return Double.isFinite(rate) ? String.format("%.1f%%", 100 * rate) : "&ndash;";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
