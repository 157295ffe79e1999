package org.ledrl.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import org.ledrl.sim.Scenarios;
import org.junit.jupiter.api.Test;

class NetworkTest {

    private static Network network(String... sets) throws Exception {
        return new Network(Scenarios.parse("{}", "network", List.of(sets)));
    }

    /** Hop distances from {@code origin} by breadth-first search over the links. */
    private static int[] distances(Network net, int origin) {
        int[] distance = new int[net.nodes];
        Arrays.fill(distance, -1);
        distance[origin] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(origin));
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int l = 0; l < net.links; l++) {
                if (net.linkA[l] == u || net.linkB[l] == u) {
                    int v = net.other(l, u);
                    if (distance[v] < 0) {
                        distance[v] = distance[u] + 1;
                        queue.add(v);
                    }
                }
            }
        }
        return distance;
    }

    @Test
    void aRandomGraphIsConnectedWithTheTargetMeanDegree() throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            Network net = network("topology.nodes=50", "topology.degree=3.5", "seed=" + seed);
            assertEquals(Math.round(50 * 3.5 / 2), net.links);
            assertTrue(Arrays.stream(distances(net, 0)).allMatch(d -> d >= 0), "connected, seed " + seed);
        }
        Network tree = network("topology.nodes=30", "topology.degree=1.94");
        assertEquals(29, tree.links, "the sparsest connected graph is a tree");
    }

    @Test
    void ringsAndGridsHaveTheirShape() throws Exception {
        Network ring = network("topology.type=ring", "topology.nodes=7");
        assertEquals(7, ring.links);
        assertEquals(3, distances(ring, 0)[3]);
        assertEquals(3, distances(ring, 0)[4]);
        Network grid = network("topology.type=grid", "topology.nodes=12"); // 3 rows of 4
        assertEquals(3 * 3 + 2 * 4, grid.links);
        assertEquals(5, distances(grid, 0)[11]);
        Network ragged = network("topology.type=grid", "topology.nodes=10"); // 3 rows of 4, the last with 2
        assertTrue(Arrays.stream(distances(ragged, 0)).allMatch(d -> d >= 0));
    }

    @Test
    void candidatesAreTheNodesWithinMaxHopsAlongShortestPaths() throws Exception {
        Network net = network("topology.nodes=40", "topology.degree=3", "policy.maxHops=2");
        for (int origin = 0; origin < net.nodes; origin++) {
            int[] distance = distances(net, origin);
            long within = Arrays.stream(distance).filter(d -> d >= 0 && d <= 2).count();
            assertEquals(within, net.candStart[origin + 1] - net.candStart[origin], "candidates of " + origin);
            assertEquals(origin, net.candNode[net.candStart[origin]], "the agent comes first");
            int previousHops = 0;
            for (int c = net.candStart[origin]; c < net.candStart[origin + 1]; c++) {
                int target = net.candNode[c];
                assertEquals(distance[target], net.candHops[c]);
                assertTrue(net.candHops[c] >= previousHops, "nearer candidates first");
                previousHops = net.candHops[c];
                // the path is a walk of links from the origin to the target
                int at = origin;
                for (int k = net.pathStart[c]; k < net.pathStart[c + 1]; k++) {
                    int l = net.pathLink[k];
                    assertTrue(net.linkA[l] == at || net.linkB[l] == at, "path link touches " + at);
                    at = net.other(l, at);
                }
                assertEquals(target, at);
                assertEquals(net.candHops[c], net.pathStart[c + 1] - net.pathStart[c]);
            }
        }
    }

    @Test
    void capacitiesAreDrawnFromTheirRanges() throws Exception {
        Network net = network("topology.nodes=30", "nodes.cpuGHz=[2, 3]", "links.latencyMs=[4, 6]",
                "tasks.arrivalProbability=[0.2, 0.4]");
        for (int i = 0; i < net.nodes; i++) {
            assertTrue(net.cpuGHz[i] >= 2 && net.cpuGHz[i] <= 3);
            assertTrue(net.arrivalProbability[i] >= 0.2 && net.arrivalProbability[i] <= 0.4);
        }
        for (int l = 0; l < net.links; l++) {
            assertTrue(net.latencyS[l] >= 0.004 && net.latencyS[l] <= 0.006);
        }
        assertTrue(Arrays.stream(net.cpuGHz).distinct().count() > 20, "nodes are heterogeneous");
    }

    @Test
    void aLargeNetworkBuilds() throws Exception {
        Network net = network("topology.nodes=20000", "topology.degree=4");
        assertEquals(40_000, net.links);
        assertEquals(20_000 + 2 * 40_000, net.candNode.length, "each node: itself and its neighbours");
    }
}
