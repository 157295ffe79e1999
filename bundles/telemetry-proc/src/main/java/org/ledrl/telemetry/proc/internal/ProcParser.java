package org.ledrl.telemetry.proc.internal;

import org.ledrl.telemetry.MalformedTelemetryException;

/**
 * Parses the text of the Linux files the proc adapter reads. Pure functions of the text: the
 * caller reads the files. Every problem is a {@link MalformedTelemetryException} naming the file
 * and the offending text.
 */
final class ProcParser {

    /** Sensors outside this range are absent or broken (Jetsons report -256 C for unpowered ones). */
    static final double MIN_PLAUSIBLE_C = -40;
    static final double MAX_PLAUSIBLE_C = 150;

    private ProcParser() {
    }

    /**
     * The aggregate {@code cpu} line of {@code /proc/stat}:
     * {@code cpu user nice system idle iowait irq softirq steal guest guest_nice}. Kernels before
     * 2.6.11 print fewer columns; at least user, nice, system and idle must be there. Guest time is
     * already counted in user time and is left out of the total.
     */
    static CpuTimes parseCpuTimes(String stat) throws MalformedTelemetryException {
        for (String line : stat.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (!fields[0].equals("cpu")) {
                continue;
            }
            if (fields.length < 5) {
                throw new MalformedTelemetryException("short cpu line in /proc/stat",
                        "/proc/stat: the cpu line has " + (fields.length - 1) + " counters, at least 4 expected: '"
                                + line.trim() + "'");
            }
            int columns = Math.min(fields.length - 1, 8); // user .. steal
            long total = 0;
            long idle = 0;
            for (int i = 1; i <= columns; i++) {
                long ticks = parseCounter(fields[i], "/proc/stat", line);
                total += ticks;
                if (i == 4 || i == 5) { // idle, iowait
                    idle += ticks;
                }
            }
            return new CpuTimes(total - idle, total);
        }
        throw new MalformedTelemetryException("no cpu line in /proc/stat", "/proc/stat has no 'cpu' line");
    }

    /**
     * Runnable scheduling entities from {@code /proc/loadavg}
     * ({@code 0.35 0.19 0.08 2/123 4567}: the 2), less the one reading the file.
     */
    static int parseRunQueue(String loadavg) throws MalformedTelemetryException {
        String[] fields = loadavg.trim().split("\\s+");
        if (fields.length < 4 || fields[3].indexOf('/') < 0) {
            throw new MalformedTelemetryException("bad /proc/loadavg",
                    "/proc/loadavg: expected 'load1 load5 load15 runnable/total lastpid', got '" + loadavg.trim() + "'");
        }
        String runnable = fields[3].substring(0, fields[3].indexOf('/'));
        return Math.max(0, (int) parseCounter(runnable, "/proc/loadavg", loadavg) - 1);
    }

    /**
     * Memory in use as a fraction of {@code MemTotal}: {@code 1 - MemAvailable/MemTotal}. Kernels
     * before 3.14 have no {@code MemAvailable}; then free + buffers + page cache stands in for it.
     */
    static double parseMemoryLoad(String meminfo) throws MalformedTelemetryException {
        long total = -1;
        long available = -1;
        long free = -1;
        long buffers = 0;
        long cached = 0;
        for (String line : meminfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            switch (key) {
                case "MemTotal" -> total = kilobytes(line, colon);
                case "MemAvailable" -> available = kilobytes(line, colon);
                case "MemFree" -> free = kilobytes(line, colon);
                case "Buffers" -> buffers = kilobytes(line, colon);
                case "Cached" -> cached = kilobytes(line, colon);
                default -> {
                    // other counters are not needed
                }
            }
        }
        if (total <= 0) {
            throw new MalformedTelemetryException("no MemTotal in /proc/meminfo",
                    "/proc/meminfo has no positive MemTotal");
        }
        if (available < 0) {
            if (free < 0) {
                throw new MalformedTelemetryException("no free memory in /proc/meminfo",
                        "/proc/meminfo has neither MemAvailable nor MemFree");
            }
            available = free + buffers + cached;
        }
        return Math.max(0.0, Math.min(1.0, 1.0 - (double) available / total));
    }

    /**
     * A thermal zone's {@code temp} file, in millidegrees Celsius; NaN for a sensor that reports
     * an implausible value (absent or unpowered).
     */
    static double parseMilliCelsius(String text, String file) throws MalformedTelemetryException {
        double celsius = parseNumber(text, file) / 1000.0;
        return celsius < MIN_PLAUSIBLE_C || celsius > MAX_PLAUSIBLE_C ? Double.NaN : celsius;
    }

    /** A cpufreq file ({@code cpuinfo_max_freq}), in kHz, as GHz. */
    static double parseKiloHertzAsGHz(String text, String file) throws MalformedTelemetryException {
        return parseNumber(text, file) / 1e6;
    }

    /** The highest {@code cpu MHz} in {@code /proc/cpuinfo}, as GHz; NaN when there is none (ARM kernels). */
    static double parseCpuInfoGHz(String cpuinfo) {
        double best = Double.NaN;
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("cpu MHz")) {
                int colon = line.indexOf(':');
                try {
                    double ghz = Double.parseDouble(line.substring(colon + 1).trim()) / 1000.0;
                    best = Double.isNaN(best) ? ghz : Math.max(best, ghz);
                } catch (NumberFormatException | IndexOutOfBoundsException e) {
                    // a line we cannot read tells nothing; the others may
                }
            }
        }
        return best;
    }

    private static long kilobytes(String line, int colon) throws MalformedTelemetryException {
        String value = line.substring(colon + 1).trim();
        if (value.endsWith("kB")) {
            value = value.substring(0, value.length() - 2).trim();
        }
        return parseCounter(value, "/proc/meminfo", line);
    }

    private static long parseCounter(String value, String file, String line) throws MalformedTelemetryException {
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 0) {
                throw new NumberFormatException("negative");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new MalformedTelemetryException("bad number in " + file,
                    file + ": '" + value + "' is not a counter in line '" + line.trim() + "'");
        }
    }

    private static double parseNumber(String text, String file) throws MalformedTelemetryException {
        String value = text.trim();
        try {
            double parsed = Double.parseDouble(value);
            if (!Double.isFinite(parsed)) {
                throw new NumberFormatException("not finite");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new MalformedTelemetryException("bad number in a /sys file", file + ": '" + value + "' is not a number");
        }
    }
}
