package org.ledrl.telemetry.tegrastats.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ledrl.telemetry.MalformedTelemetryException;

/**
 * Parses one line of NVIDIA's {@code tegrastats} into a {@link JetsonSample}. The line formats of
 * the JetPack releases in use differ (Nano/TX2 on JetPack 4, Xavier on 4 and 5, Orin on 5 and 6):
 * a date prefix or not, {@code CPU [a%@f,...]} or {@code CPU [a%,b%]@f}, {@code off} cores, GPU
 * frequency bare or in brackets, upper- or lower-case sensor names, rails as {@code cur/avg} or
 * {@code curmW/avgmW[/maxmW]}. Each field is found by its own pattern, so a field this parser
 * does not know (EMC_FREQ, APE, NVENC, MTS, VIC...) is ignored instead of failing the line.
 *
 * <p>RAM and the CPU list are required: a line without them, or with a CPU list cut short, is
 * truncated or garbage and is rejected whole, so half a line never reaches a snapshot.
 */
final class TegrastatsParser {

    private static final Pattern RAM = Pattern.compile("(?<=^|\\s)RAM (\\d+)/(\\d+)MB\\b");
    private static final Pattern CPU = Pattern.compile("(?<=^|\\s)CPU \\[([^\\]]*)\\](?:@(\\d+))?");
    private static final Pattern CORE = Pattern.compile("(\\d+)%(?:@(\\d+))?");
    private static final Pattern GPU = Pattern.compile("(?<=^|\\s)GR3D\\d*_FREQ (\\d+)%");
    /** {@code name@45.5C}, and R39's {@code name@45.5C/47C} (current/maximum). */
    private static final Pattern TEMPERATURE =
            Pattern.compile("(?<=^|\\s)([A-Za-z][A-Za-z0-9_-]*)@(-?\\d+(?:\\.\\d+)?)C(?:/-?\\d+(?:\\.\\d+)?C)?(?=\\s|$)");
    /** {@code NAME cur/avg}, {@code NAME curmW/avgmW} and R39's {@code NAME curmW/avgmW/maxmW}. */
    private static final Pattern RAIL =
            Pattern.compile("(?<=^|\\s)([A-Z][A-Z0-9_]*) (\\d+)(?:mW)?/\\d+(?:mW)?(?:/\\d+(?:mW)?)?(?=\\s|$)");

    private TegrastatsParser() {
    }

    static JetsonSample parse(String line) throws MalformedTelemetryException {
        Matcher ram = RAM.matcher(line);
        if (!ram.find()) {
            throw new MalformedTelemetryException("no RAM field", "tegrastats line has no 'RAM used/totalMB': " + quote(line));
        }
        int used = parseInt(ram.group(1), line);
        int total = parseInt(ram.group(2), line);
        if (total <= 0) {
            throw new MalformedTelemetryException("RAM total is zero", "tegrastats line reports 0 MB of RAM: " + quote(line));
        }
        return new JetsonSample(used, total, cores(line), gpuLoadPercent(line), temperatures(line), rails(line));
    }

    private static List<JetsonSample.Core> cores(String line) throws MalformedTelemetryException {
        Matcher cpu = CPU.matcher(line);
        if (!cpu.find()) {
            if (line.contains("CPU [")) {
                throw new MalformedTelemetryException("unterminated CPU list",
                        "tegrastats line ends inside its CPU list (truncated): " + quote(line));
            }
            throw new MalformedTelemetryException("no CPU field", "tegrastats line has no 'CPU [...]': " + quote(line));
        }
        // Old releases print one frequency for all cores after the bracket: CPU [3%,1%,off,off]@102
        double sharedMHz = cpu.group(2) == null ? Double.NaN : Double.parseDouble(cpu.group(2));
        List<JetsonSample.Core> cores = new ArrayList<>();
        for (String entry : cpu.group(1).split(",")) {
            String core = entry.trim();
            if (core.equals("off")) {
                cores.add(JetsonSample.Core.OFF);
                continue;
            }
            Matcher matcher = CORE.matcher(core);
            if (!matcher.matches()) {
                throw new MalformedTelemetryException("bad CPU core entry",
                        "tegrastats CPU entry '" + core + "' is neither 'load%@MHz' nor 'off': " + quote(line));
            }
            double mhz = matcher.group(2) == null ? sharedMHz : Double.parseDouble(matcher.group(2));
            cores.add(new JetsonSample.Core(true, Double.parseDouble(matcher.group(1)), mhz));
        }
        return cores;
    }

    private static double gpuLoadPercent(String line) {
        double busiest = Double.NaN;
        Matcher gpu = GPU.matcher(line);
        while (gpu.find()) {
            double load = Double.parseDouble(gpu.group(1));
            busiest = Double.isNaN(busiest) ? load : Math.max(busiest, load);
        }
        return busiest;
    }

    private static Map<String, Double> temperatures(String line) {
        Map<String, Double> sensors = new LinkedHashMap<>();
        Matcher temperature = TEMPERATURE.matcher(line);
        while (temperature.find()) {
            sensors.put(temperature.group(1), Double.parseDouble(temperature.group(2)));
        }
        return sensors;
    }

    private static Map<String, Double> rails(String line) {
        Map<String, Double> rails = new LinkedHashMap<>();
        Matcher rail = RAIL.matcher(line);
        while (rail.find()) {
            // Orins print two unconnected channels both named NC; the first reading is kept.
            rails.putIfAbsent(rail.group(1), Double.parseDouble(rail.group(2)));
        }
        return rails;
    }

    private static int parseInt(String digits, String line) throws MalformedTelemetryException {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new MalformedTelemetryException("number out of range", "tegrastats value " + digits + " is too large: " + quote(line));
        }
    }

    /** The line for a log message, cut to a readable length. */
    private static String quote(String line) {
        String printable = line.replaceAll("\\p{Cntrl}", "?");
        return "'" + (printable.length() > 160 ? printable.substring(0, 160) + "..." : printable) + "'";
    }
}
