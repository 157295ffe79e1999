package org.ledrl.telemetry.tegrastats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ledrl.telemetry.MalformedTelemetryException;

class TegrastatsParserTest {

    /** The data lines of a sample file, without its notes. */
    static List<String> lines(String file) throws IOException {
        try (InputStream in = TegrastatsParserTest.class.getResourceAsStream("/tegrastats/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
    }

    private static JetsonSample first(String file) throws Exception {
        return TegrastatsParser.parse(lines(file).get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nano.txt", "tx2.txt", "agx-xavier.txt", "xavier-nx.txt", "agx-orin.txt", "orin-nx.txt",
        "orin-nano.txt"})
    void everyPublishedLineParses(String file) throws Exception {
        List<String> lines = lines(file);
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            JetsonSample sample = TegrastatsParser.parse(line);
            assertTrue(sample.memoryLoad() > 0 && sample.memoryLoad() < 1, line);
            assertTrue(sample.cores().size() >= 4, line);
            assertTrue(sample.cpuLoad() >= 0 && sample.cpuLoad() <= 1, line);
            assertTrue(sample.gpuLoad() >= 0 && sample.gpuLoad() <= 1, line);
            assertTrue(sample.hottestC() > 20 && sample.hottestC() < 100, line);
            assertFalse(sample.powerMilliwatts().isEmpty(), line);
        }
    }

    @Test
    void nanoOnJetPack4() throws Exception {
        JetsonSample nano = first("nano.txt");
        assertEquals(1923.0 / 3964, nano.memoryLoad(), 1e-12);
        assertEquals(4, nano.cores().size());
        assertEquals(0.045, nano.cpuLoad(), 1e-12);
        assertEquals(1.224, nano.fastestCoreGHz(), 1e-12);
        assertEquals(0.0, nano.gpuLoad());
        assertEquals(45.0, nano.hottestC(), "AO; PMIC's fixed 50 is no measurement");
        assertEquals(Map.of("POM_5V_IN", 1750.0, "POM_5V_GPU", 0.0, "POM_5V_CPU", 366.0), nano.powerMilliwatts());
    }

    @Test
    void tx2WithDenverCoresAndWithoutEngineFrequencies() throws Exception {
        JetsonSample tx2 = first("tx2.txt");
        assertEquals(2020.0 / 7852, tx2.memoryLoad(), 1e-12);
        assertEquals(6, tx2.cores().size());
        assertEquals(0.10, tx2.cpuLoad(), 1e-12);
        assertEquals(0.345, tx2.fastestCoreGHz(), 1e-12);
        assertEquals(0.0, tx2.gpuLoad());
        assertEquals(42.5, tx2.hottestC());
        assertEquals(3140.0, tx2.powerMilliwatts().get("VDD_IN"));
        assertEquals(6, tx2.powerMilliwatts().size());
    }

    @Test
    void implausibleSensorReadingsAreLeftOut() throws Exception {
        JetsonSample emulated = TegrastatsParser.parse(lines("tx2.txt").get(1));
        assertEquals(-45.0, emulated.temperaturesC().get("BCPU"), "kept as printed");
        assertEquals(47.5, emulated.hottestC(), "AO; the negative readings are no measurements");
        assertEquals(0.61, emulated.gpuLoad(), 1e-12);

        JetsonSample orin = first("agx-orin.txt");
        assertEquals(-256.0, orin.temperaturesC().get("GPU"));
        assertEquals(44.562, orin.hottestC(), 1e-12);
    }

    @Test
    void agxXavierOnJetPack42WithShortRailNames() throws Exception {
        JetsonSample xavier = first("agx-xavier.txt");
        assertEquals(8, xavier.cores().size());
        assertEquals(0.0, xavier.cpuLoad());
        assertEquals(1.19, xavier.fastestCoreGHz(), 1e-12);
        assertEquals(32.0, xavier.hottestC());
        assertEquals(Map.of("GPU", 463.0, "CPU", 618.0, "SOC", 2936.0, "CV", 0.0, "VDDRQ", 309.0, "SYS5V", 3306.0),
                xavier.powerMilliwatts());
    }

    @Test
    void xavierNxOnJetPack5WithDatePrefixAndBracketedGpuFrequency() throws Exception {
        JetsonSample nx = TegrastatsParser.parse(lines("xavier-nx.txt").get(1));
        assertEquals(3168.0 / 6851, nx.memoryLoad(), 1e-12);
        assertEquals(0.17, nx.cpuLoad(), 1e-12);
        assertEquals(1.397, nx.fastestCoreGHz(), 1e-12);
        assertEquals(0.0, nx.gpuLoad());
        assertEquals(46.5, nx.hottestC());
        assertEquals(Map.of("VDD_IN", 2763.0, "VDD_CPU_GPU_CV", 650.0, "VDD_SOC", 650.0), nx.powerMilliwatts());
    }

    @Test
    void agxOrinOnJetPack6() throws Exception {
        JetsonSample orin = first("agx-orin.txt");
        assertEquals(4321.0 / 62801, orin.memoryLoad(), 1e-12);
        assertEquals(12, orin.cores().size());
        assertEquals(0.729, orin.fastestCoreGHz(), 1e-12);
        assertEquals(0.0, orin.gpuLoad());
        assertEquals(2340.0, orin.powerMilliwatts().get("VDD_GPU_SOC"));
        assertEquals(4025.0, orin.powerMilliwatts().get("VIN_SYS_5V0"));
        assertEquals(5, orin.powerMilliwatts().size(), "the two NC channels are one entry");
    }

    @Test
    void orinNxWithCoresOffAndTwoGpuClusters() throws Exception {
        JetsonSample nx = first("orin-nx.txt");
        assertEquals(6, nx.cores().size());
        assertFalse(nx.cores().get(5).online());
        assertEquals(0.1275, nx.cpuLoad(), 1e-12, "mean of the four online cores");
        assertEquals(0.729, nx.fastestCoreGHz(), 1e-12);
        assertEquals(46.968, nx.hottestC(), 1e-12);
        assertEquals(4915.0, nx.powerMilliwatts().get("VDD_IN"));
    }

    @Test
    void orinNanoOnJetPack6AndTheR39Layout() throws Exception {
        JetsonSample nano = first("orin-nano.txt");
        assertEquals(3645.0 / 7620, nano.memoryLoad(), 1e-12);
        assertEquals(7.0 / 600, nano.cpuLoad(), 1e-12);
        assertEquals(44.531, nano.hottestC(), 1e-12);
        assertEquals(2957.0, nano.powerMilliwatts().get("VDD_IN"));

        JetsonSample r39 = TegrastatsParser.parse(lines("orin-nano.txt").get(2));
        assertEquals(479.0 / 600, r39.cpuLoad(), 1e-12);
        assertEquals(1.728, r39.fastestCoreGHz(), 1e-12);
        assertEquals(0.33, r39.gpuLoad(), 1e-12);
        assertEquals(50.0, r39.hottestC());
        assertEquals(9761.0, r39.powerMilliwatts().get("VDD_IN"));
        assertEquals(3, r39.powerMilliwatts().size());
    }

    @Test
    void theOldSharedFrequencyCpuFormatOfNvidiasDocumentation() throws Exception {
        // Built from the format NVIDIA documents for early releases, CPU [X%,Y%,off,off]@Z: no board output of it was found.
        JetsonSample old = TegrastatsParser.parse("RAM 1000/2000MB (lfb 10x4MB) CPU [30%,10%,off,off]@1224 GR3D_FREQ 5%@76");
        assertEquals(4, old.cores().size());
        assertEquals(0.2, old.cpuLoad(), 1e-12);
        assertEquals(1.224, old.fastestCoreGHz(), 1e-12);
        assertTrue(Double.isNaN(old.hottestC()), "no sensors on the line: unknown, not cold");
        assertTrue(old.powerMilliwatts().isEmpty());
    }

    @Test
    void aLineWithoutGpuFieldHasAnUnknownGpuLoad() throws Exception {
        assertTrue(Double.isNaN(TegrastatsParser.parse("RAM 1/2MB CPU [1%@100]").gpuLoad()));
    }

    @Test
    void truncatedAndGarbageLinesAreRejectedByKind() throws Exception {
        List<String> bad = lines("malformed.txt");
        List<String> kinds = List.of("unterminated CPU list", "no RAM field", "unterminated CPU list", "no RAM field",
                "RAM total is zero", "bad CPU core entry", "no RAM field");
        assertEquals(kinds.size(), bad.size());
        for (int i = 0; i < bad.size(); i++) {
            String line = bad.get(i);
            MalformedTelemetryException error = assertThrows(MalformedTelemetryException.class,
                    () -> TegrastatsParser.parse(line), line);
            assertEquals(kinds.get(i), error.kind(), line);
        }
    }

    @Test
    void theRejectNamesTheOffendingValue() {
        MalformedTelemetryException error = assertThrows(MalformedTelemetryException.class,
                () -> TegrastatsParser.parse("RAM 1923/3964MB CPU [5%@1224,four%@1224]"));
        assertEquals("tegrastats CPU entry 'four%@1224' is neither 'load%@MHz' nor 'off': "
                + "'RAM 1923/3964MB CPU [5%@1224,four%@1224]'", error.getMessage());
    }
}
