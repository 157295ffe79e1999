package org.ledrl.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.live.Activity;
import org.ledrl.live.LiveDecision;
import org.ledrl.live.LiveLink;
import org.ledrl.live.LiveNetwork;
import org.ledrl.live.LiveNode;
import org.ledrl.live.LiveRuntime;
import org.ledrl.live.OutcomeReport;
import org.ledrl.live.TaskRequest;
import org.ledrl.metrics.LiveMetrics;
import org.ledrl.metrics.LiveWindow;

/** The page's content for a network with an up, a down and a stale node, rendered without a container. */
class LedrlPageTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";

    /** A runtime that shows fixed data: the page only reads it. */
    private record FixedRuntime(LiveNetwork network, Activity activity, List<String> policies, String activePolicy)
            implements LiveRuntime {

        @Override
        public LiveDecision decide(TaskRequest request) {
            throw new UnsupportedOperationException("the page does not decide");
        }

        @Override
        public void report(OutcomeReport report) {
            throw new UnsupportedOperationException("the page does not report");
        }

        @Override
        public void usePolicy(String policy) {
            throw new UnsupportedOperationException("rendering does not switch");
        }
    }

    private static NodeStatus status(int node, Health health) {
        return new NodeStatus(node, health, 3.0, 0.4, 2, 0.5, 0.3, Double.NaN, 55, 0, NOW);
    }

    private static LiveNetwork network() {
        StrategyPrior prior = new StrategyPrior(0, List.of(), GlobalStrategy.SPREAD, HOSTILE, "heuristic", NOW - 4000);
        return new LiveNetwork(0, List.of(
                new LiveNode(status(0, Health.UP), false, true, List.of(1, 2), prior),
                new LiveNode(status(1, Health.DOWN), false, false, List.of(0), StrategyPrior.none(1)),
                new LiveNode(status(2, Health.UP).stale(), true, false, List.of(0), StrategyPrior.none(2))),
                List.of(new LiveLink(new LinkStatus(0, 1, Health.DOWN, 20, 3, 1, NOW), false, true)), NOW);
    }

    /** Ten minutes of 10 s buckets: 6 decisions and 2 outcomes (one success) in each of the last two minutes. */
    private static Activity activity() {
        List<Activity.Bucket> buckets = new ArrayList<>();
        long start = NOW - 600_000;
        for (int i = 0; i < 60; i++) {
            boolean busy = i >= 48;
            buckets.add(busy ? new Activity.Bucket(start + i * 10_000L, 1, 0.1, 20, 40, i % 3 == 0 ? 1 : 0,
                    i % 6 == 0 ? 1.0 : 0.0)
                    : new Activity.Bucket(start + i * 10_000L, 0, 0, Double.NaN, Double.NaN, 0, Double.NaN));
        }
        return new Activity(10, buckets, List.of(new Activity.Failure(7, 0, 1, FailureReason.NODE_FAILED, 1.5, NOW)),
                12, 4, 0);
    }

    private static String render(LedrlPage page, String message) {
        StringWriter text = new StringWriter();
        page.render(new PrintWriter(text), "/system/console/ledrl", message);
        return text.toString();
    }

    private static LedrlPage page() {
        return new LedrlPage(new FixedRuntime(network(), activity(), List.of("greedy", "lo'cal"), "greedy"),
                ZoneOffset.UTC);
    }

    private static String nodeRow(String html, int node) {
        Matcher row = Pattern.compile("<tr class='([^']*)' data-node='" + node + "'>(.*?)</tr>").matcher(html);
        assertTrue(row.find(), "a row for node " + node);
        return row.group(1) + " | " + row.group(2);
    }

    @Test
    void theSummaryCountsNodesByHealthAndNamesThePolicyAndRates() {
        String html = render(page(), null);
        Matcher summary = Pattern.compile("<p class='statline ledrl-status' id='ledrl-status'>(.*?)</p>").matcher(html);
        assertTrue(summary.find(), html);
        String line = summary.group(1).replaceAll("<[^>]+>", "");
        assertTrue(line.contains("1 up, 1 down, 1 unknown"), line);
        assertTrue(line.contains("Policy: greedy"), line);
        // 12 decisions over 600 s; 4 outcomes of which 2 succeeded
        assertTrue(line.contains("0.02 decisions/s"), line);
        assertTrue(line.contains("success rate 50.0%"), line);
        assertTrue(summary.group(1).contains("ledrl-down'>1 down"), "a down node is marked: " + summary.group(1));
        assertTrue(html.indexOf("id='ledrl-status'") < html.indexOf("<h2"), "the summary comes first");
    }

    @Test
    void downAndStaleNodesAreMarkedInColourAndInText() {
        String html = render(page(), null);
        String up = nodeRow(html, 0);
        String down = nodeRow(html, 1);
        String stale = nodeRow(html, 2);
        assertTrue(up.startsWith("ledrl-row-up |") && up.contains("UP</span>"), up);
        assertTrue(down.startsWith("ledrl-row-down |") && down.contains("ledrl-health-down") && down.contains("DOWN"),
                down);
        assertTrue(stale.contains("ledrl-stale-row") && stale.contains("UNKNOWN") && stale.contains("(stale)"), stale);
        assertFalse(up.contains("(stale)") || down.contains("(stale)"), "only the stale node says stale");
        assertTrue(html.contains("<tr class='ledrl-row-down'><td>0&ndash;1</td>"), "the down link is marked too");
    }

    @Test
    void theActivePolicyStandsOutAndEveryOtherHasASwitchButton() {
        String html = render(page(), null);
        assertTrue(html.contains("Deciding with <b id='ledrl-active-policy'>greedy</b>"), html);
        assertEquals(1, count(html, "<form method='post'"), "one button: the active policy has none");
        assertTrue(html.contains("name='policy' value='lo&#39;cal'"), "the policy name is escaped in the form");
        assertTrue(html.contains("action='/system/console/ledrl'"), html);
    }

    @Test
    void threeChartsWithTheirTitlesComeBeforeTheNumbersTable() {
        String html = render(page(), null);
        assertEquals(3, count(html, "<svg "), html);
        for (String title : List.of("Decisions per second (decisions/s)", "Success rate (%)",
                "Decision time (\u00b5s)")) {
            assertTrue(html.contains(">" + title + "</title>"), title);
        }
        assertTrue(html.indexOf("<svg ") < html.indexOf("id='ledrl-minutes'"), "charts first, then exact values");
        assertEquals(10, count(html.substring(html.indexOf("id='ledrl-minutes'"), html.indexOf("</table>",
                html.indexOf("id='ledrl-minutes'"))), "<tr><td>"), "a table row per minute");
        assertTrue(html.contains("12 decisions and 4 outcomes since start"), html);
    }

    @Test
    void theP99LineComesFromTheLiveMetricsWhileTheyAreBound() {
        LedrlPage page = page();
        LiveMetrics metrics = () -> new LiveWindow(1000, 4, 0.5, Map.of(), 1.0, 2.0, 18, 37.5, 4, NOW);
        assertFalse(render(page, null).contains("p99 of latest decisions"), "no metrics, no p99 line");
        page.bindMetrics(metrics);
        String html = render(page, null);
        assertTrue(html.contains("p99 of latest decisions: 37.5 \u00b5s"), html);
        page.unbindMetrics(metrics);
        assertFalse(render(page, null).contains("p99 of latest decisions"), "gone with the metrics");
    }

    @Test
    void everyValueShownIsEscaped() {
        String html = render(page(), HOSTILE);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "the prior's rationale and the message as text");
        assertTrue(html.contains("id='ledrl-message'"), html);
    }

    @Test
    void anEmptyNetworkAndWindowStillRender() {
        LedrlPage page = new LedrlPage(new FixedRuntime(new LiveNetwork(0, List.of(), List.of(), NOW),
                new Activity(10, List.of(), List.of(), 0, 0, 0), List.of(), "local"), ZoneOffset.UTC);
        String html = render(page, "");
        assertTrue(html.contains("No node is known"), html);
        assertTrue(html.contains("No offloading policy is installed"), html);
        assertTrue(html.contains("The activity window is empty."), html);
        assertTrue(html.replaceAll("<[^>]+>", "").contains("Nodes: 0 up, 0 down, 0 unknown"), html);
        assertFalse(html.contains("id='ledrl-message'"), "no message, no message line");
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
