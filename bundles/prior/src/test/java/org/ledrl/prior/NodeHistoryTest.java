package org.ledrl.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledrl.api.health.BufferStatus;

class NodeHistoryTest {

    @Test
    void aMillionEntriesNeverTrimmedStayAtTheBoundAndEveryPushedOutOneIsCounted() {
        NodeHistory<long[]> history = new NodeHistory<>("test", 10_000, e -> e[0]);
        for (int i = 0; i < 1_000_000; i++) {
            history.add(i % 50, new long[] {i});
            assertTrue(history.size() <= 10_000);
        }
        assertEquals(new BufferStatus("test", 10_000, 10_000, 1_000_000 - 10_000), history.status());
        assertEquals(50, history.nodes());
        assertEquals(1_000_000 - 10_000, history.peek(0).peekFirst()[0], "the oldest went first, whatever the node");
    }

    @Test
    void entriesThatLeaveTheWindowAreTrimmedNotCountedAndEmptyNodesAreForgotten() {
        NodeHistory<long[]> history = new NodeHistory<>("test", 10_000, e -> e[0]);
        for (int i = 0; i < 1_000_000; i++) {
            int node = i % 1000;
            history.trimThrough(node, i - 2000L); // a window of 2000 time units: two entries a node
            history.add(node, new long[] {i});
            assertTrue(history.size() <= 3000);
        }
        assertEquals(0, history.dropped(), "the window kept it far below its bound: nothing pushed out");
        assertEquals(List.of(), List.copyOf(history.trimThrough(5, Long.MAX_VALUE)));
        assertEquals(999, history.nodes(), "node 5 had nothing left and is gone");
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NodeHistory<long[]>("test", 0, e -> e[0]));
    }
}
