package org.ledrl.emulate.internal.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledrl.api.env.Slot;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Task;
import org.ledrl.sim.Runner;
import org.ledrl.sim.Scenario;
import org.ledrl.sim.ScenarioDraws;
import org.ledrl.sim.Scenarios;
import org.ledrl.sim.Simulation;

/** The gateways draw the very tasks the simulator draws for the same scenario and seed, with the same ids. */
class TaskIdsTest {

    @Test
    void everyGatewayDrawsTheSimulatorsTasksWithTheSimulatorsIds() throws Exception {
        Scenario scenario = Scenarios.parse("name: t\n", "test", List.of("topology.type=ring", "topology.nodes=6",
                "slots=40", "failures.nodeHardwareRate=0", "failures.nodeSoftwareRate=0", "failures.linkRate=0"))
                .withSeed(5);
        long seed = Runner.episodeSeed(5, 0);
        ScenarioDraws draws = new ScenarioDraws(scenario);
        Simulation simulation = new Simulation(scenario);
        List<TaskIds> gateways = new ArrayList<>();
        for (int node = 0; node < 6; node++) {
            gateways.add(new TaskIds(draws, seed));
        }
        Slot slot = simulation.reset(seed);
        int tasks = 0;
        for (int s = 0; !slot.done(); s++) {
            List<Decision> decisions = new ArrayList<>();
            for (Observation observation : slot.observations()) {
                Task task = observation.task();
                assertTrue(draws.arrives(seed, s, task.origin()));
                long id = gateways.get(task.origin()).id(s, task.origin());
                assertEquals(task.id(), id, "slot " + s + ", node " + task.origin());
                assertEquals(task, draws.task(seed, id, task.origin(), task.arrivalMillis()));
                decisions.add(Decision.of(task.origin(), "local"));
                tasks++;
            }
            slot = simulation.step(decisions);
        }
        assertTrue(tasks > 60, "tasks: " + tasks);
    }
}
