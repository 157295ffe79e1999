package org.ledrl.telemetry.tegrastats.internal;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.ledrl.json.fuzz.Mutants;
import org.ledrl.json.fuzz.Refusals;
import org.ledrl.telemetry.MalformedTelemetryException;

/** Fuzzes tegrastats lines: 10,000 mutants of real lines of several boards, each parsed or refused with a reason. */
class TegrastatsParserFuzzTest {

    private static final List<String> LINES = List.of(
            "RAM 2020/7852MB (lfb 1164x4MB) CPU [9%@345,21%@345,25%@345,3%@345,1%@345,1%@345] EMC_FREQ 0% GR3D_FREQ 0% "
                    + "PLL@42.5C MCPU@42.5C PMIC@100C Tboard@40C GPU@41C BCPU@42.5C thermal@41.9C Tdiode@41.25C "
                    + "VDD_SYS_GPU 153/158 VDD_IN 3140/3208",
            "RAM 1923/3964MB (lfb 2x2MB) SWAP 191/1982MB (cached 6MB) IRAM 0/252kB(lfb 252kB) CPU "
                    + "[5%@1224,4%@1224,3%@1224,6%@1224] EMC_FREQ 0%@1600 GR3D_FREQ 0%@76 APE 25 PLL@37C CPU@40C "
                    + "PMIC@50C GPU@40C AO@45C thermal@40C POM_5V_IN 1750/1628 POM_5V_GPU 0/0 POM_5V_CPU 366/406",
            "RAM 1000/2000MB (lfb 10x4MB) CPU [30%,10%,off,off]@1224 GR3D_FREQ 5%@76");

    @Provide
    Arbitrary<String> lines() {
        return Mutants.of(LINES, List.of("RAM ", "CPU [", "off", "%@", "MB", "GR3D_FREQ ", "@-40C", "2147483648"));
    }

    @Property(tries = 10_000)
    void everyLineIsParsedOrRefusedClearly(@ForAll @From("lines") String line) throws Exception {
        String outcome = Refusals.bounded(line, () -> {
            try {
                TegrastatsParser.parse(line);
                return "parsed";
            } catch (MalformedTelemetryException e) {
                Refusals.assertClear(e.getMessage(), line);
                return e.kind();
            }
        });
        Statistics.collect(outcome);
    }
}
