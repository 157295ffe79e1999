package org.ledrl.reflect.internal;

import java.util.Map;
import org.ledrl.api.model.Observation;

/**
 * What a lesson or a short-term record is about: a node, an undirected link or a task type, written
 * {@code node:7}, {@code link:3-5} (smaller id first) or {@code type:video-analytics}.
 */
sealed interface Subject {

    /**
     * How much a lesson about this subject matters to a node deciding with {@code hopsByNode} in view
     * (node id to hops, the agent at 0): 0 when it is out of view. Documented in the package docs.
     */
    double relevance(Map<Integer, Integer> hopsByNode, Observation observation);

    static Subject parse(String text) {
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon);
        String rest = colon < 0 ? "" : text.substring(colon + 1);
        try {
            switch (kind) {
                case "node":
                    return new Node(nodeId(rest));
                case "link":
                    int dash = rest.indexOf('-');
                    int a = nodeId(rest.substring(0, dash));
                    int b = nodeId(rest.substring(dash + 1));
                    if (a != b) {
                        return Link.of(a, b);
                    }
                    break;
                case "type":
                    if (!rest.isBlank()) {
                        return new TaskType(rest);
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException(
                "subject '" + text + "' is not node:<id>, link:<id>-<id> or type:<task type>");
    }

    /** A node id: a whole number from 0, digits only. */
    private static int nodeId(String text) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
            throw new NumberFormatException(text);
        }
        return Integer.parseInt(text);
    }

    record Node(int id) implements Subject {
        @Override
        public double relevance(Map<Integer, Integer> hopsByNode, Observation observation) {
            Integer hops = hopsByNode.get(id);
            if (hops == null) {
                return 0.0;
            }
            return hops == 0 ? 1.0 : hops == 1 ? 0.8 : 0.5;
        }

        @Override
        public String toString() {
            return "node:" + id;
        }
    }

    record Link(int a, int b) implements Subject {
        static Link of(int x, int y) {
            return new Link(Math.min(x, y), Math.max(x, y));
        }

        @Override
        public double relevance(Map<Integer, Integer> hopsByNode, Observation observation) {
            Integer hopsA = hopsByNode.get(a);
            Integer hopsB = hopsByNode.get(b);
            if (hopsA == null || hopsB == null) {
                return 0.0;
            }
            // the agent's own link to a neighbour is the whole path to that candidate
            boolean agentToNeighbour = Math.min(hopsA, hopsB) == 0 && Math.max(hopsA, hopsB) == 1;
            return agentToNeighbour ? 0.9 : 0.5;
        }

        @Override
        public String toString() {
            return "link:" + a + "-" + b;
        }
    }

    record TaskType(String name) implements Subject {
        @Override
        public double relevance(Map<Integer, Integer> hopsByNode, Observation observation) {
            return name.equals(observation.task().type()) ? 0.7 : 0.0;
        }

        @Override
        public String toString() {
            return "type:" + name;
        }
    }
}
