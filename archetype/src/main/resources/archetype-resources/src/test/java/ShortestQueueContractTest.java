package ${package};

import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.testkit.OffloadingPolicyContract;

/** The rules every policy must keep (see the test kit): available targets, edge cases, threads, runs, no I/O. */
class ShortestQueueContractTest extends OffloadingPolicyContract {

    @Override
    protected OffloadingPolicy policy() {
        return new ShortestQueuePolicy();
    }
}
