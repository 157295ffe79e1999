package org.ledrl.telemetry.proc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.ledrl.telemetry.MalformedTelemetryException;

class ProcParserTest {

    private static String fixture(String path) throws IOException {
        try (InputStream in = ProcParserTest.class.getResourceAsStream("/fixtures/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void cpuLoadIsTheBusyShareOfTheTicksBetweenTwoReadings() throws Exception {
        CpuTimes first = ProcParser.parseCpuTimes(fixture("jetson-nano/proc/stat"));
        CpuTimes second = ProcParser.parseCpuTimes(fixture("jetson-nano/proc/stat.next"));

        assertEquals(new CpuTimes(1500, 10_000), first);
        assertEquals(0.6, second.loadSince(first), 1e-12);
        assertTrue(Double.isNaN(first.loadSince(first)), "no time passed: unknown, not idle");
    }

    @Test
    void oldKernelsWithFourCountersAreRead() throws Exception {
        assertEquals(new CpuTimes(30, 130), ProcParser.parseCpuTimes("cpu 10 5 15 100\n"));
    }

    @Test
    void runQueueLeavesOutTheReader() throws Exception {
        assertEquals(2, ProcParser.parseRunQueue(fixture("jetson-nano/proc/loadavg")));
        assertEquals(0, ProcParser.parseRunQueue("0.00 0.00 0.00 1/80 99\n"));
    }

    @Test
    void memoryLoadUsesMemAvailable() throws Exception {
        assertEquals(0.75, ProcParser.parseMemoryLoad(fixture("jetson-nano/proc/meminfo")), 1e-12);
    }

    @Test
    void memoryLoadFallsBackToFreeBuffersAndCacheOnOldKernels() throws Exception {
        assertEquals(0.5, ProcParser.parseMemoryLoad(fixture("old-kernel/proc/meminfo")), 1e-12);
    }

    @Test
    void thermalZonesAreMillidegreesAndImplausibleSensorsAreUnknown() throws Exception {
        assertEquals(45.5, ProcParser.parseMilliCelsius("45500\n", "zone0"), 1e-12);
        assertTrue(Double.isNaN(ProcParser.parseMilliCelsius("-256000\n", "zone1")));
    }

    @Test
    void cpuinfoGivesTheFastestCoreOrNothingOnArm() throws Exception {
        assertEquals(2.6, ProcParser.parseCpuInfoGHz("cpu MHz\t\t: 2400.000\ncpu MHz\t\t: 2600.000\n"), 1e-12);
        assertTrue(Double.isNaN(ProcParser.parseCpuInfoGHz(fixture("jetson-nano/proc/cpuinfo"))));
    }

    @Test
    void malformedFilesNameTheFileAndTheValue() {
        MalformedTelemetryException noCpu = assertThrows(MalformedTelemetryException.class,
                () -> ProcParser.parseCpuTimes("intr 1 2 3\n"));
        assertEquals("no cpu line in /proc/stat", noCpu.kind());

        MalformedTelemetryException badCounter = assertThrows(MalformedTelemetryException.class,
                () -> ProcParser.parseCpuTimes("cpu 10 x 15 100\n"));
        assertEquals("/proc/stat: 'x' is not a counter in line 'cpu 10 x 15 100'", badCounter.getMessage());

        MalformedTelemetryException truncatedStat = assertThrows(MalformedTelemetryException.class,
                () -> ProcParser.parseCpuTimes("cpu 10 5\n"));
        assertEquals("short cpu line in /proc/stat", truncatedStat.kind());

        MalformedTelemetryException loadavg = assertThrows(MalformedTelemetryException.class,
                () -> ProcParser.parseRunQueue("0.10 0.20"));
        assertEquals("/proc/loadavg: expected 'load1 load5 load15 runnable/total lastpid', got '0.10 0.20'",
                loadavg.getMessage());

        MalformedTelemetryException meminfo = assertThrows(MalformedTelemetryException.class,
                () -> ProcParser.parseMemoryLoad("MemFree: 10 kB\n"));
        assertEquals("no MemTotal in /proc/meminfo", meminfo.kind());

        MalformedTelemetryException temp = assertThrows(MalformedTelemetryException.class,
                () -> ProcParser.parseMilliCelsius("NaN\n", "/sys/class/thermal/thermal_zone0/temp"));
        assertEquals("/sys/class/thermal/thermal_zone0/temp: 'NaN' is not a number", temp.getMessage());
    }
}
