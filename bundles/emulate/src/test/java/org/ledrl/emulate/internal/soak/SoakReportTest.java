package org.ledrl.emulate.internal.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakReportTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private SoakReport report() throws Exception {
        return new SoakReport(dir.resolve("soak.csv"), new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private static SoakReport.Minute minute(int m, double heapMB, double rssMB, long errors, long failed) {
        return new SoakReport.Minute(m, heapMB, rssMB, 900, 100, 10, 90, 700, errors, failed, 480, 2, 0);
    }

    @Test
    void theSlopeIsLeastSquaresInMegabytesPerTenMinutes() {
        assertEquals(2.0, SoakReport.leastSquaresSlope(List.of(new double[] {1, 1}, new double[] {2, 3},
                new double[] {3, 5})), 1e-12);
        assertTrue(Double.isNaN(SoakReport.leastSquaresSlope(List.of(new double[] {1, 1}, new double[] {2, 2}))));
    }

    @Test
    void aFlatRunPassesAndItsMinutesAreInTheCsv() throws Exception {
        SoakReport report = report();
        for (int m = 1; m <= 20; m++) {
            report.add(minute(m, 40 + (m % 2) * 0.05, 200 + (m % 3) * 0.1, 0, 0));
        }
        assertTrue(report.verdict(1.0, 5.0, true), printed.toString());
        assertTrue(printed.toString().contains("heap after GC slope after minute 5: "), printed.toString());
        assertEquals(21, Files.readAllLines(dir.resolve("soak.csv")).size());
        assertEquals(20_000, report.decisions());
    }

    @Test
    void aGrowingHeapAnErrorOrAFailedDecisionFailsTheRun() throws Exception {
        SoakReport growing = report();
        for (int m = 1; m <= 12; m++) {
            growing.add(minute(m, 40 + 0.2 * m, 200, 0, 0)); // 2 MB per 10 minutes
        }
        assertFalse(growing.verdict(1.0, 5.0, true));
        assertTrue(printed.toString().contains("+2.000 MB per 10 minutes (target within +-1.0): MISSED"),
                printed.toString());

        SoakReport erring = report();
        erring.add(minute(1, 40, 200, 1, 0));
        assertFalse(erring.verdict(1.0, 5.0, true));
        SoakReport failing = report();
        failing.add(minute(1, 40, 200, 0, 3));
        assertFalse(failing.verdict(1.0, 5.0, true));
        SoakReport died = report();
        died.add(minute(1, 40, 200, 0, 0));
        assertFalse(died.verdict(1.0, 5.0, false));
    }

    @Test
    void aShortRunIsNotJudgedOnItsSlopes() throws Exception {
        SoakReport report = report();
        report.add(minute(1, 40, 200, 0, 0));
        assertTrue(report.verdict(1.0, 5.0, true));
        assertTrue(printed.toString().contains("heap after GC slope: not judged (needs at least 8 minutes"),
                printed.toString());
    }
}
