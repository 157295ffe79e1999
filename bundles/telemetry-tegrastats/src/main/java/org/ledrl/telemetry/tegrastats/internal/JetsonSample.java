package org.ledrl.telemetry.tegrastats.internal;

import java.util.List;
import java.util.Map;

/**
 * What one {@code tegrastats} line says about a Jetson.
 *
 * @param ramUsedMB       RAM in use
 * @param ramTotalMB      RAM available to applications
 * @param cores           every CPU core in order, online or off
 * @param gpuLoadPercent  the busiest GPU engine (GR3D, GR3D2), NaN when the line has none
 * @param temperaturesC   every sensor the line reports, as printed (including absent sensors' -256)
 * @param powerMilliwatts every power rail's current draw
 */
record JetsonSample(int ramUsedMB, int ramTotalMB, List<Core> cores, double gpuLoadPercent,
                    Map<String, Double> temperaturesC, Map<String, Double> powerMilliwatts) {

    /** Sensors outside this range are absent or broken (-256 C is how Orins report powered-down ones). */
    static final double MIN_PLAUSIBLE_C = -40;
    static final double MAX_PLAUSIBLE_C = 150;

    JetsonSample {
        cores = List.copyOf(cores);
        temperaturesC = Map.copyOf(temperaturesC);
        powerMilliwatts = Map.copyOf(powerMilliwatts);
    }

    /**
     * One CPU core.
     *
     * @param online      false for a core reported {@code off}
     * @param loadPercent utilisation relative to its current frequency, NaN when off
     * @param mhz         current frequency, NaN when off or not printed
     */
    record Core(boolean online, double loadPercent, double mhz) {

        static final Core OFF = new Core(false, Double.NaN, Double.NaN);
    }

    double memoryLoad() {
        return (double) ramUsedMB / ramTotalMB;
    }

    /** Mean load of the online cores in [0,1]; NaN when every core is off. */
    double cpuLoad() {
        return cores.stream().filter(Core::online).mapToDouble(Core::loadPercent).average().orElse(Double.NaN) / 100.0;
    }

    /** The fastest online core's current frequency in GHz; NaN when none is printed. */
    double fastestCoreGHz() {
        return cores.stream().filter(Core::online).mapToDouble(Core::mhz).filter(mhz -> !Double.isNaN(mhz))
                .max().orElse(Double.NaN) / 1000.0;
    }

    double gpuLoad() {
        return gpuLoadPercent / 100.0;
    }

    /**
     * The hottest plausible sensor. PMIC is left out: it is a fixed placeholder (50 or 100 C) on
     * most modules, not a measurement.
     */
    double hottestC() {
        return temperaturesC.entrySet().stream()
                .filter(sensor -> !sensor.getKey().equalsIgnoreCase("PMIC"))
                .mapToDouble(Map.Entry::getValue)
                .filter(celsius -> celsius >= MIN_PLAUSIBLE_C && celsius <= MAX_PLAUSIBLE_C)
                .max().orElse(Double.NaN);
    }
}
