package org.example.ledrl.csvfeed;

import java.util.Locale;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;

/**
 * One line of the feed, read. The format, one record a line ({@code #} starts a comment):
 * <pre>
 * node,&lt;id&gt;,&lt;UP|DOWN&gt;,&lt;cpuGHz&gt;,&lt;cpuLoad 0-1&gt;,&lt;queueLength&gt;,&lt;queueSeconds&gt;,&lt;memoryLoad 0-1&gt;
 * link,&lt;a&gt;,&lt;b&gt;,&lt;UP|DOWN&gt;,&lt;rateMBps&gt;,&lt;latencyMs&gt;
 * </pre>
 * An empty field is a value the sender cannot measure (NaN). Anything else is malformed, with the reason.
 */
final class CsvRecords {

    private CsvRecords() {
    }

    /** A line that is not a record of the feed. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    static NodeStatus node(String[] f, long nowMillis) throws Malformed {
        expect(f, 8, "node,<id>,<UP|DOWN>,<cpuGHz>,<cpuLoad>,<queueLength>,<queueSeconds>,<memoryLoad>");
        double cpuLoad = fraction(f[4], "cpu load");
        double memoryLoad = fraction(f[7], "memory load");
        return new NodeStatus(id(f[1]), health(f[2]), number(f[3], "cpuGHz"), cpuLoad, (int) number(f[5], "queue"),
                number(f[6], "queueSeconds"), memoryLoad, Double.NaN, Double.NaN, 0, nowMillis);
    }

    static LinkStatus link(String[] f, long nowMillis) throws Malformed {
        expect(f, 6, "link,<a>,<b>,<UP|DOWN>,<rateMBps>,<latencyMs>");
        return new LinkStatus(id(f[1]), id(f[2]), health(f[3]), number(f[4], "rateMBps"), number(f[5], "latencyMs"),
                0, nowMillis);
    }

    private static void expect(String[] f, int fields, String format) throws Malformed {
        if (f.length != fields) {
            throw new Malformed(f.length + " fields where " + fields + " belong: " + format);
        }
    }

    private static int id(String text) throws Malformed {
        try {
            int id = Integer.parseInt(text.trim());
            if (id < 0) {
                throw new Malformed("node id " + id + " is negative");
            }
            return id;
        } catch (NumberFormatException e) {
            throw new Malformed("'" + text + "' is not a node id");
        }
    }

    private static Health health(String text) throws Malformed {
        return switch (text.trim().toUpperCase(Locale.ROOT)) {
            case "UP" -> Health.UP;
            case "DOWN" -> Health.DOWN;
            default -> throw new Malformed("health '" + text + "' is neither UP nor DOWN");
        };
    }

    private static double number(String text, String what) throws Malformed {
        if (text.isBlank()) {
            return Double.NaN;
        }
        try {
            double value = Double.parseDouble(text.trim());
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new Malformed(what + " " + text + " is not a number of 0 or more");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Malformed(what + " '" + text + "' is not a number");
        }
    }

    private static double fraction(String text, String what) throws Malformed {
        double value = number(text, what);
        if (value > 1) {
            throw new Malformed(what + " " + text + " is above 1 (a share, 0 to 1)");
        }
        return value;
    }
}
