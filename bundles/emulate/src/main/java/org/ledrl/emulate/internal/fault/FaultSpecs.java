package org.ledrl.emulate.internal.fault;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code --fault} specs. Times are since the emulation started, in seconds ({@code 20},
 * {@code 20s}, {@code 1.5s}) or milliseconds ({@code 500ms}):
 * <pre>
 * kill:NODE@T          SIGKILL gateway NODE at T, for good
 * kill:NODE@T-T2       SIGKILL gateway NODE at T, start it again at T2
 * pause:NODE@T-T2      SIGSTOP gateway NODE at T, SIGCONT at T2
 * broker@T             stop the broker at T and start it again at once
 * broker@T-T2          stop the broker at T, start it again at T2
 * cut:A-B@T-T2         link A-B drops every message from T to T2
 * node-failures        the scenario's node-failure process kills gateways and restarts them
 * </pre>
 */
public final class FaultSpecs {

    public static final String SYNTAX = "kill:NODE@T[-T2], pause:NODE@T-T2, broker@T[-T2], cut:A-B@T-T2 or "
            + "node-failures (T in s or ms, e.g. 20s, 1.5s, 500ms)";

    private static final Pattern TIME = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s)?");
    private static final Pattern NODE_FAULT = Pattern.compile("(kill|pause):([^@]*)@(.*)");
    private static final Pattern BROKER = Pattern.compile("broker@(.*)");
    private static final Pattern CUT = Pattern.compile("cut:([^@]*)@(.*)");

    private FaultSpecs() {
    }

    public static FaultSpec parse(String spec) throws FaultSpecException {
        String text = spec == null ? "" : spec.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.isEmpty()) {
            throw new FaultSpecException("fault spec is empty; expected " + SYNTAX);
        }
        if (lower.equals("node-failures")) {
            return new FaultSpec(FaultSpec.Kind.NODE_FAILURES, -1, -1, -1, 0, -1, text);
        }
        Matcher m = NODE_FAULT.matcher(lower);
        if (m.matches()) {
            FaultSpec.Kind kind = m.group(1).equals("kill") ? FaultSpec.Kind.KILL : FaultSpec.Kind.PAUSE;
            int node = nodeId(text, m.group(2));
            long[] window = window(text, m.group(3), kind == FaultSpec.Kind.PAUSE);
            return new FaultSpec(kind, node, -1, -1, window[0], window[1], text);
        }
        m = BROKER.matcher(lower);
        if (m.matches()) {
            long[] window = window(text, m.group(1), false);
            return new FaultSpec(FaultSpec.Kind.BROKER, -1, -1, -1, window[0], window[1] < 0 ? window[0] : window[1],
                    text);
        }
        m = CUT.matcher(lower);
        if (m.matches()) {
            String[] ends = m.group(1).split("-", -1);
            if (ends.length != 2) {
                throw new FaultSpecException("fault spec '" + text + "': link '" + m.group(1)
                        + "' is not A-B (two node ids, e.g. cut:2-3@10s-20s)");
            }
            int a = nodeId(text, ends[0]);
            int b = nodeId(text, ends[1]);
            if (a == b) {
                throw new FaultSpecException("fault spec '" + text + "': a link joins two different nodes, not "
                        + a + " and " + b);
            }
            long[] window = window(text, m.group(2), true);
            return new FaultSpec(FaultSpec.Kind.CUT, -1, Math.min(a, b), Math.max(a, b), window[0], window[1], text);
        }
        throw new FaultSpecException("fault spec '" + text + "' is not one of " + SYNTAX);
    }

    private static int nodeId(String spec, String value) throws FaultSpecException {
        String id = value.strip();
        if (!id.matches("\\d{1,9}")) {
            throw new FaultSpecException("fault spec '" + spec + "': '" + id + "' is not a node id (0 or more)");
        }
        return Integer.parseInt(id);
    }

    /** {@code T} or {@code T-T2}: {start, end} in ms, end -1 when absent. */
    private static long[] window(String spec, String value, boolean endRequired) throws FaultSpecException {
        String[] parts = value.strip().split("-", -1);
        if (parts.length > 2) {
            throw new FaultSpecException("fault spec '" + spec + "': '" + value + "' is not T or T-T2");
        }
        long start = millis(spec, parts[0]);
        if (parts.length == 1) {
            if (endRequired) {
                throw new FaultSpecException("fault spec '" + spec + "' needs an end time: @T-T2 (e.g. @20s-25s)");
            }
            return new long[] {start, -1};
        }
        long end = millis(spec, parts[1]);
        if (end <= start) {
            throw new FaultSpecException("fault spec '" + spec + "': the end (" + parts[1].strip()
                    + ") must come after the start (" + parts[0].strip() + ")");
        }
        return new long[] {start, end};
    }

    private static long millis(String spec, String value) throws FaultSpecException {
        Matcher m = TIME.matcher(value.strip());
        if (!m.matches()) {
            throw new FaultSpecException("fault spec '" + spec + "': '" + value.strip()
                    + "' is not a time (seconds or milliseconds, e.g. 20s, 1.5s, 500ms)");
        }
        double number = Double.parseDouble(m.group(1));
        double ms = "ms".equals(m.group(2)) ? number : number * 1000;
        if (ms > 86_400_000) {
            throw new FaultSpecException("fault spec '" + spec + "': '" + value.strip() + "' is more than a day");
        }
        return Math.round(ms);
    }
}
