package org.example.ledrl.reliability;

import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.testkit.OffloadingPolicyContract;

/** The rules every policy must keep: available targets, edge cases, threads, runs, no I/O when deciding. */
class ReliabilityFirstContractTest extends OffloadingPolicyContract {

    @Override
    protected OffloadingPolicy policy() {
        return new ReliabilityFirstPolicy();
    }
}
