package org.ledrl.telemetry.proc.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ledrl.telemetry.MalformedTelemetryException;

/**
 * Reads a Linux host's status from its {@code /proc} and {@code /sys} trees. The roots are
 * parameters so that tests (and containers that mount the host's trees elsewhere) can point it at
 * a copy.
 */
final class HostReader {

    private final Path procRoot;
    private final Path sysRoot;

    HostReader(Path procRoot, Path sysRoot) {
        this.procRoot = procRoot;
        this.sysRoot = sysRoot;
    }

    /** Reads stat, loadavg, meminfo and the thermal zones. */
    HostSample read() throws IOException, MalformedTelemetryException {
        CpuTimes cpu = ProcParser.parseCpuTimes(read(procRoot.resolve("stat")));
        int runQueue = ProcParser.parseRunQueue(read(procRoot.resolve("loadavg")));
        double memoryLoad = ProcParser.parseMemoryLoad(read(procRoot.resolve("meminfo")));
        return new HostSample(cpu, runQueue, memoryLoad, hottestThermalZone());
    }

    /**
     * The CPU frequency tasks get: the highest {@code cpuinfo_max_freq} of the cores, else the
     * highest {@code cpu MHz} of {@code /proc/cpuinfo}, else NaN.
     */
    double maxCpuGHz() throws IOException, MalformedTelemetryException {
        double best = Double.NaN;
        Path cpus = sysRoot.resolve("devices/system/cpu");
        if (Files.isDirectory(cpus)) {
            try (DirectoryStream<Path> cores = Files.newDirectoryStream(cpus, "cpu[0-9]*")) {
                for (Path core : cores) {
                    Path maxFreq = core.resolve("cpufreq/cpuinfo_max_freq");
                    if (Files.isReadable(maxFreq)) {
                        double ghz = ProcParser.parseKiloHertzAsGHz(read(maxFreq), maxFreq.toString());
                        best = Double.isNaN(best) ? ghz : Math.max(best, ghz);
                    }
                }
            }
        }
        Path cpuinfo = procRoot.resolve("cpuinfo");
        if (Double.isNaN(best) && Files.isReadable(cpuinfo)) {
            best = ProcParser.parseCpuInfoGHz(read(cpuinfo));
        }
        return best;
    }

    private double hottestThermalZone() throws IOException, MalformedTelemetryException {
        Path thermal = sysRoot.resolve("class/thermal");
        if (!Files.isDirectory(thermal)) {
            return Double.NaN;
        }
        double hottest = Double.NaN;
        try (DirectoryStream<Path> zones = Files.newDirectoryStream(thermal, "thermal_zone*")) {
            for (Path zone : zones) {
                Path temp = zone.resolve("temp");
                String text;
                try {
                    text = read(temp);
                } catch (IOException e) {
                    continue; // a zone without temp, or one that refuses reads (ENODATA) while its sensor is off
                }
                double celsius = ProcParser.parseMilliCelsius(text, temp.toString());
                if (!Double.isNaN(celsius)) {
                    hottest = Double.isNaN(hottest) ? celsius : Math.max(hottest, celsius);
                }
            }
        }
        return hottest;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }
}
