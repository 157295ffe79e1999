package org.ledrl.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ledrl.api.policy.OffloadingPolicy;
import org.junit.jupiter.api.Test;

/**
 * The shipped paper scenarios hold the paper's regime: reasonable policies succeed 40-65% of the
 * time (here up to 70% for the informed one), and an informed greedy policy beats local-only and
 * uniform random clearly (by 5 points or more, mean of three seeds).
 */
class CalibrationTest {

    private static double successRate(Scenario scenario, OffloadingPolicy policy) {
        double sum = 0;
        for (long seed = 1; seed <= 3; seed++) {
            sum += Runner.of(scenario, policy).seed(seed).episodes(5).run().total().successRate();
        }
        return sum / 3;
    }

    @Test
    void thePaperScenariosStayInThePapersRegime() throws Exception {
        for (String name : List.of("paper-10-random", "paper-20-random", "paper-10-ring", "paper-20-ring")) {
            Scenario scenario = Scenarios.load(ScenariosTest.SHIPPED.resolve(name + ".yaml"), List.of());
            double local = successRate(scenario, TestPolicies.local());
            double random = successRate(scenario, TestPolicies.random(1));
            double greedy = successRate(scenario, TestPolicies.greedy());
            String rates = String.format("%s: local %.3f, random %.3f, greedy %.3f", name, local, random, greedy);
            System.out.println(rates);
            assertTrue(local >= 0.40 && local <= 0.65, rates);
            assertTrue(random >= 0.35 && random <= 0.65, rates);
            assertTrue(greedy >= 0.50 && greedy <= 0.72, rates);
            assertTrue(greedy >= local + 0.05 && greedy >= random + 0.05, rates);
        }
    }
}
