package org.ledrl.live.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ledrl.live.internal.Statuses.link;
import static org.ledrl.live.internal.Statuses.node;
import static org.ledrl.live.internal.Statuses.snapshot;
import static org.ledrl.live.internal.Statuses.up;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Task;
import org.ledrl.telemetry.TestConfigs;

class NetworkStateTest {

    private static final long NOW = 1_000_000;

    private static NetworkSettings settings(Map<String, ?> values) {
        return NetworkSettings.of(TestConfigs.of(LiveRuntimeComponent.Config.class, values));
    }

    private static Task task(int origin) {
        return new Task(1, origin, NOW, 400, 1000, 4, "generic");
    }

    @Test
    void staleStatusIsUnknownNeverHealthy() {
        NetworkState state = NetworkState.of(settings(Map.of("staleAfterMillis", 5000L)),
                List.of(snapshot(List.of(up(0, NOW), up(1, NOW - 6000)), List.of(link(0, 1, Health.UP, 20, NOW)), NOW)),
                NOW, (n, t) -> 0.0);
        assertEquals(Health.UP, state.node(0).health());
        assertFalse(state.isStale(0));
        assertEquals(Health.UNKNOWN, state.node(1).health());
        assertTrue(state.isStale(1));
        Candidate neighbour = state.observe(task(0)).candidates().get(1);
        assertEquals(1, neighbour.node());
        assertFalse(neighbour.available(), "a stale node is not a place to send tasks");
    }

    @Test
    void configuredLinksGiveCapacityWhereTelemetryHasNone() {
        NetworkState state = NetworkState.of(settings(Map.of("links", new String[] {"0-1:25:4", "1-2:10"})),
                List.of(snapshot(List.of(up(0, NOW), up(1, NOW), up(2, NOW)),
                        List.of(link(0, 1, Health.UP, Double.NaN, NOW)), NOW)), NOW, (n, t) -> 0.0);
        Observation seen = state.observe(task(1));
        assertEquals(List.of(1, 0, 2), seen.candidates().stream().map(Candidate::node).toList());
        assertEquals(1.0 / 25, seen.candidates().get(1).secondsPerMB(), 1e-12, "rate from the configuration");
        assertEquals(1.0 / 10, seen.candidates().get(2).secondsPerMB(), 1e-12);
        assertTrue(seen.candidates().get(2).available(), "a declared link counts as up while its ends are up");
        assertEquals(List.of(0, 2), state.neighbours(1));
    }

    @Test
    void pathsGoAroundWhatIsDownAndMultiHopStopsAtMaxHops() {
        // 0 - 1 - 3 and 0 - 2 - 3, node 1 down; 3 - 4 beyond two hops
        NetworkState state = NetworkState.of(settings(Map.of("maxHops", 2)), List.of(snapshot(
                List.of(up(0, NOW), node(1, Health.DOWN, 2, 0, NOW), up(2, NOW), up(3, NOW), up(4, NOW)),
                List.of(link(0, 1, Health.UP, 10, NOW), link(1, 3, Health.UP, 10, NOW), link(0, 2, Health.UP, 40, NOW),
                        link(2, 3, Health.UP, 40, NOW), link(3, 4, Health.UP, 40, NOW)), NOW)), NOW, (n, t) -> 0.0);
        List<Candidate> candidates = state.observe(task(0)).candidates();
        assertEquals(List.of(0, 1, 2, 3), candidates.stream().map(Candidate::node).toList());
        Candidate three = candidates.get(3);
        assertEquals(2, three.hops());
        assertTrue(three.pathUp());
        assertEquals(2.0 / 40, three.secondsPerMB(), 1e-12, "through node 2, the way that is up");
        assertEquals(0.02, three.pathFailureRate(), 1e-12);
    }

    @Test
    void fillsWhatTelemetryCannotTellWithEstimates() {
        NetworkState state = NetworkState.of(settings(Map.of("referenceCpuGHz", 2.5)), List.of(snapshot(
                List.of(node(0, Health.UP, Double.NaN, Double.NaN, NOW)), List.of(), NOW)), NOW, (n, t) -> 1.25);
        assertEquals(2.5, state.node(0).cpuGHz());
        assertEquals(1.25, state.node(0).queueSeconds());
    }

    @Test
    void theLocalNodeIsKnownWithoutTelemetryButUnknown() {
        NetworkState state = NetworkState.of(settings(Map.of("localNode", 4)), List.of(), NOW, (n, t) -> 0.0);
        assertTrue(state.knows(4));
        assertEquals(Health.UNKNOWN, state.node(4).health());
        assertEquals(5, state.topology().size(), "topology ids run from 0 to the highest known");
    }

    @Test
    void badLinkSettingsNameTheKeyAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("links", new String[] {"0-1:fast"})));
        assertTrue(e.getMessage().contains("links") && e.getMessage().contains("0-1:fast"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("links", new String[] {"2-2:10"})));
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("links", new String[] {"0-1:10", "1-0:5"})));
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("reliabilityThreshold", 1.5)));
    }

    @Test
    void aMillionNodesAndLinksFromTelemetryStayWithinTheIdAndLinkBoundsAndTheRestIsCounted() {
        List<org.ledrl.api.model.NodeStatus> nodes = new java.util.ArrayList<>();
        List<org.ledrl.api.model.LinkStatus> links = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            nodes.add(up(i, NOW));
            links.add(link(i, i + 1, Health.UP, 20, NOW));
        }
        nodes.add(up(Integer.MAX_VALUE, NOW));
        NetworkState state = NetworkState.of(settings(Map.of("maxNodeId", 99, "maxLinks", 50,
                        "links", new String[] {"0-99:10"})),
                List.of(snapshot(nodes, links, NOW)), NOW, (n, t) -> 0.0);
        assertEquals(100, state.nodes().size(), "ids 0 to maxNodeId");
        assertEquals(100, state.nodeBound());
        assertEquals(1_000_001 - 100, state.ignoredNodes(), "every other id counted, 2147483647 too");
        assertEquals(50, state.links().size(), "the configured link, then measured ones by end points");
        assertTrue(state.links().stream().anyMatch(l -> l.configured() && l.status().b() == 99));
        assertEquals(1_000_000 - 49, state.ignoredLinks());
        assertFalse(state.knows(Integer.MAX_VALUE));
        assertEquals(100, state.topology().nodes().size(), "the topology lists ids up to the bound only");
    }

    @Test
    void settingsOutsideTheNodeBoundAreRefusedWithTheKeyNamed() {
        IllegalArgumentException local = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("maxNodeId", 10, "localNode", 11)));
        assertTrue(local.getMessage().contains("localNode"), local.getMessage());
        IllegalArgumentException link = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("maxNodeId", 10, "links", new String[] {"0-12:5"})));
        assertTrue(link.getMessage().contains("maxNodeId"), link.getMessage());
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("maxNodeId", Integer.MAX_VALUE)));
        assertTrue(huge.getMessage().contains("maxNodeId must be 0 to 65535"), huge.getMessage());
    }

    @Test
    void withNodesSetTelemetryOfAnyOtherIdIsLeftOutAndCounted() {
        List<org.ledrl.api.model.NodeStatus> nodes = new java.util.ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            nodes.add(up(i, NOW));
        }
        List<org.ledrl.api.model.LinkStatus> links = List.of(link(0, 7, Health.UP, 20, NOW),
                link(3, 4, Health.UP, 20, NOW), link(7, 9, Health.UP, 20, NOW));
        NetworkState state = NetworkState.of(settings(Map.of("nodes", new String[] {"0-3", " 7"})),
                List.of(snapshot(nodes, links, NOW), snapshot(List.of(up(2_000_000, NOW)), List.of(), NOW)), NOW,
                (n, t) -> 0.0);
        assertEquals(List.of(0, 1, 2, 3, 7), state.nodes().stream().map(org.ledrl.api.model.NodeStatus::node)
                .sorted().toList());
        assertEquals(7, state.ignoredNodes(), "4, 5, 6, 8, 9, 10 and 2000000");
        assertEquals(1, state.links().size(), "0-7 only");
        assertEquals(2, state.ignoredLinks(), "3-4 and 7-9 have an end that is not one of the nodes");
        assertEquals(5, state.nodeBound());
        assertFalse(state.knows(4));
    }

    @Test
    void aNodesSettingThatCannotBeMetIsRefusedWithTheKeyAndTheValueNamed() {
        for (String bad : new String[] {"x", "3-1", "1-2-3", "-1", "4096"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> settings(Map.of("nodes", new String[] {"0", bad})));
            assertTrue(e.getMessage().contains("nodes: '" + bad + "'"), e.getMessage());
        }
        IllegalArgumentException local = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("nodes", new String[] {"1-3"})));
        assertTrue(local.getMessage().contains("local node (0) must be one of them"), local.getMessage());
        IllegalArgumentException link = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("nodes", new String[] {"0-3"}, "links", new String[] {"0-5:10"})));
        assertTrue(link.getMessage().contains("link 0-5 names a node that is not one of nodes"), link.getMessage());
        assertEquals(null, settings(Map.of("nodes", new String[] {" ", ""})).expectedNodes(), "blank: every id");
    }
}
