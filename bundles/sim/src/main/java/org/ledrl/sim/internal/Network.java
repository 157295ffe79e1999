package org.ledrl.sim.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.ledrl.api.model.Topology;
import org.ledrl.sim.Scenario;

/**
 * The static network of a simulation in primitive arrays: nodes, links, adjacency and each node's
 * candidates with the path to each (shortest in hops, ties to the lower node id). Built once from a
 * scenario and its seed; shared read-only by nothing else.
 */
public final class Network {

    public final int nodes;
    public final int links;
    public final double[] cpuGHz;
    /** Each node's own task arrival probability per slot. */
    public final double[] arrivalProbability;
    public final int[] linkA;
    public final int[] linkB;
    public final double[] minRate;
    public final double[] maxRate;
    public final double[] latencyS;
    /** Candidates of node i are {@code candNode[candStart[i]] .. candNode[candStart[i+1]-1]}, itself first. */
    public final int[] candStart;
    public final int[] candNode;
    public final int[] candHops;
    /** Links of the path to candidate c, from the origin: {@code pathLink[pathStart[c]] .. pathLink[pathStart[c+1]-1]}. */
    public final int[] pathStart;
    public final int[] pathLink;
    public final Topology topology;

    public Network(Scenario scenario) {
        SplittableRandom random = new SplittableRandom(Mix.hash(scenario.seed(), 0x70901, 0));
        Scenario.Graph graph = scenario.topology();
        Topology file = graph.fromFile();
        nodes = graph.type().equals("file") ? file.size() : graph.nodes();
        List<int[]> edges = switch (graph.type()) {
            case "ring" -> ring(nodes);
            case "grid" -> grid(nodes);
            case "file" -> fromFile(file);
            default -> random(nodes, graph.degree(), random);
        };
        edges.sort(Comparator.<int[]>comparingInt(e -> e[0]).thenComparingInt(e -> e[1]));
        links = edges.size();
        cpuGHz = new double[nodes];
        arrivalProbability = new double[nodes];
        List<Topology.NodeSpec> nodeSpecs = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            double fileCpu = file.size() > i ? file.nodes().get(i).cpuGHz() : Double.NaN;
            cpuGHz[i] = Double.isNaN(fileCpu) ? scenario.nodes().cpuGHz().at(random.nextDouble()) : fileCpu;
            String name = file.size() > i ? file.nodes().get(i).name() : "node-" + i;
            nodeSpecs.add(new Topology.NodeSpec(i, name, cpuGHz[i]));
            arrivalProbability[i] = scenario.tasks().arrivalProbability().at(random.nextDouble());
        }
        linkA = new int[links];
        linkB = new int[links];
        minRate = new double[links];
        maxRate = new double[links];
        latencyS = new double[links];
        List<Topology.LinkSpec> linkSpecs = new ArrayList<>(links);
        for (int l = 0; l < links; l++) {
            int[] e = edges.get(l);
            linkA[l] = e[0];
            linkB[l] = e[1];
            Topology.LinkSpec given = e[2] >= 0 ? file.links().get(e[2]) : null;
            boolean givenRate = given != null && !Double.isNaN(given.minRateMBps());
            minRate[l] = givenRate ? given.minRateMBps() : scenario.links().rateMBps().min();
            maxRate[l] = givenRate ? given.maxRateMBps() : scenario.links().rateMBps().max();
            double latencyMs = given != null && !Double.isNaN(given.latencyMs()) ? given.latencyMs()
                    : scenario.links().latencyMs().at(random.nextDouble());
            latencyS[l] = latencyMs / 1000.0;
            linkSpecs.add(new Topology.LinkSpec(linkA[l], linkB[l], minRate[l], maxRate[l], latencyMs));
        }
        topology = new Topology(nodeSpecs, linkSpecs);

        // adjacency, neighbours by id
        int[] degree = new int[nodes];
        for (int l = 0; l < links; l++) {
            degree[linkA[l]]++;
            degree[linkB[l]]++;
        }
        int[] adjStart = new int[nodes + 1];
        for (int i = 0; i < nodes; i++) {
            adjStart[i + 1] = adjStart[i] + degree[i];
        }
        int[] adjLink = new int[2 * links];
        int[] fill = Arrays.copyOf(adjStart, nodes);
        for (int l = 0; l < links; l++) {
            adjLink[fill[linkA[l]]++] = l;
            adjLink[fill[linkB[l]]++] = l;
        }

        // candidates: breadth-first up to maxHops; levels are visited in id order, so a tie between
        // two shortest paths goes to the lower relay id
        int maxHops = scenario.policy().maxHops();
        IntList cNode = new IntList();
        IntList cHops = new IntList();
        IntList pStart = new IntList();
        IntList pLink = new IntList();
        candStart = new int[nodes + 1];
        int[] parentLink = new int[nodes];
        int[] hops = new int[nodes];
        Arrays.fill(hops, -1);
        List<Integer> visited = new ArrayList<>();
        for (int origin = 0; origin < nodes; origin++) {
            candStart[origin] = cNode.size();
            visited.clear();
            hops[origin] = 0;
            visited.add(origin);
            List<Integer> level = List.of(origin);
            addCandidate(origin, origin, 0, parentLink, cNode, cHops, pStart, pLink);
            for (int h = 1; h <= maxHops && !level.isEmpty(); h++) {
                List<Integer> next = new ArrayList<>();
                for (int u : level) {
                    for (int k = adjStart[u]; k < adjStart[u + 1]; k++) {
                        int l = adjLink[k];
                        int v = linkA[l] == u ? linkB[l] : linkA[l];
                        if (hops[v] < 0) {
                            hops[v] = h;
                            parentLink[v] = l;
                            visited.add(v);
                            next.add(v);
                        }
                    }
                }
                next.sort(null);
                for (int v : next) {
                    addCandidate(origin, v, h, parentLink, cNode, cHops, pStart, pLink);
                }
                level = next;
            }
            for (int v : visited) {
                hops[v] = -1;
            }
        }
        candStart[nodes] = cNode.size();
        pStart.add(pLink.size());
        candNode = cNode.toArray();
        candHops = cHops.toArray();
        pathStart = pStart.toArray();
        pathLink = pLink.toArray();
    }

    private int parentOf(int v, int[] parentLink) {
        int l = parentLink[v];
        return linkA[l] == v ? linkB[l] : linkA[l];
    }

    private void addCandidate(int origin, int target, int h, int[] parentLink, IntList cNode, IntList cHops,
                              IntList pStart, IntList pLink) {
        cNode.add(target);
        cHops.add(h);
        pStart.add(pLink.size());
        int[] path = new int[h];
        int v = target;
        for (int k = h - 1; k >= 0; k--) {
            path[k] = parentLink[v];
            v = parentOf(v, parentLink);
        }
        for (int l : path) {
            pLink.add(l);
        }
    }

    /** The other end of link {@code l} from node {@code u}. */
    public int other(int l, int u) {
        return linkA[l] == u ? linkB[l] : linkA[l];
    }

    private static List<int[]> ring(int n) {
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            edges.add(new int[] {Math.min(i, j), Math.max(i, j), -1});
        }
        return edges;
    }

    private static List<int[]> grid(int n) {
        int rows = Math.max(1, (int) Math.floor(Math.sqrt(n)));
        int cols = (n + rows - 1) / rows;
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if ((i % cols) + 1 < cols && i + 1 < n) {
                edges.add(new int[] {i, i + 1, -1});
            }
            if (i + cols < n) {
                edges.add(new int[] {i, i + cols, -1});
            }
        }
        return edges;
    }

    private static List<int[]> fromFile(Topology file) {
        List<int[]> edges = new ArrayList<>();
        for (int l = 0; l < file.links().size(); l++) {
            Topology.LinkSpec link = file.links().get(l);
            edges.add(new int[] {Math.min(link.a(), link.b()), Math.max(link.a(), link.b()), l});
        }
        return edges;
    }

    /** A random spanning tree (each node joins a random earlier one, in random order) plus random extra links. */
    private static List<int[]> random(int n, double degree, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        long target = Math.max(n - 1, Math.min((long) n * (n - 1) / 2, Math.round(n * degree / 2)));
        Set<Long> seen = new HashSet<>();
        List<int[]> edges = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            int u = order[i];
            int v = order[random.nextInt(i)];
            addEdge(u, v, n, seen, edges);
        }
        while (edges.size() < target) {
            addEdge(random.nextInt(n), random.nextInt(n), n, seen, edges);
        }
        return edges;
    }

    private static void addEdge(int u, int v, int n, Set<Long> seen, List<int[]> edges) {
        if (u == v) {
            return;
        }
        int a = Math.min(u, v);
        int b = Math.max(u, v);
        if (seen.add((long) a * n + b)) {
            edges.add(new int[] {a, b, -1});
        }
    }

    /** A growable list of ints, for building the arrays. */
    static final class IntList {
        private int[] values = new int[16];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
