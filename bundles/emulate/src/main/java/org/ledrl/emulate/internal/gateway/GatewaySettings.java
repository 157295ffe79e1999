package org.ledrl.emulate.internal.gateway;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ledrl.emulate.internal.fault.FaultSpec;
import org.ledrl.emulate.internal.fault.FaultSpecException;
import org.ledrl.emulate.internal.fault.FaultSpecs;
import org.ledrl.sim.Runner;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.ScenarioDraws;
import org.ledrl.sim.ScenarioException;
import org.ledrl.sim.Scenarios;

/**
 * An emulated gateway's settings, checked, with the scenario loaded: {@link GatewayComponent.Config}
 * as values. Every failure names the configuration key.
 *
 * @param node        this gateway's node
 * @param draws       the scenario's network and draws
 * @param episodeSeed the seed of the draws: the simulator's first episode of the run seed
 * @param speed       scenario seconds per real second
 * @param burn        whether the executor burns CPU rather than sleeping
 * @param brokerUrl   the broker
 * @param prefix      the run's topic prefix
 * @param journal     the journal file
 * @param slots       slots that generate tasks
 * @param cuts        link cuts of the run
 * @param graceMillis how long after a task's deadline its origin waits for the result before judging it
 */
record GatewaySettings(int node, ScenarioDraws draws, long episodeSeed, double speed, boolean burn, String brokerUrl,
                       String prefix, Path journal, int slots, List<FaultSpec> cuts, long graceMillis) {

    static GatewaySettings of(GatewayComponent.Config config) {
        String pid = GatewayComponent.PID + ": ";
        Scenario scenario;
        try {
            scenario = Scenarios.load(Path.of(config.scenario()), Arrays.asList(config.sets()));
        } catch (ScenarioException e) {
            throw new IllegalArgumentException(pid + "scenario '" + config.scenario() + "': " + e.getMessage(), e);
        }
        scenario = scenario.withSeed(config.seed());
        ScenarioDraws draws = new ScenarioDraws(scenario);
        int nodes = draws.topology().size();
        require(config.node() >= 0 && config.node() < nodes, pid + "node must be 0 to " + (nodes - 1) + ", was "
                + config.node());
        require(config.speed() > 0 && config.speed() <= 100, pid + "speed must be above 0 and at most 100, was "
                + config.speed());
        require(config.work().equals("sleep") || config.work().equals("cpu"), pid + "work must be sleep or cpu, was '"
                + config.work() + "'");
        require(config.slots() >= 1, pid + "slots must be 1 or more, was " + config.slots());
        require(!config.journal().isBlank(), pid + "journal must name a file");
        require(config.graceMillis() >= 0, pid + "graceMillis must be 0 or more, was " + config.graceMillis());
        List<FaultSpec> cuts = new ArrayList<>();
        for (String spec : config.cuts()) {
            if (spec.isBlank()) {
                continue;
            }
            try {
                cuts.add(FaultSpecs.parse(spec));
            } catch (FaultSpecException e) {
                throw new IllegalArgumentException(pid + "cuts: " + e.getMessage(), e);
            }
        }
        return new GatewaySettings(config.node(), draws, Runner.episodeSeed(config.seed(), 0), config.speed(),
                config.work().equals("cpu"), config.brokerUrl(), config.topicPrefix(), Path.of(config.journal()),
                config.slots(), cuts, config.graceMillis());
    }

    /** Real milliseconds of a slot. */
    long slotMillis() {
        return Math.max(1, Math.round(draws.scenario().slotSeconds() * 1000 / speed));
    }

    /** Real milliseconds per scenario second. */
    double msPerSecond() {
        return 1000.0 / speed;
    }

    double cpuGHz() {
        return draws.topology().nodes().get(node).cpuGHz();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
