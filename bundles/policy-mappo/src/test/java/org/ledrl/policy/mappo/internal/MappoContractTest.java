package org.ledrl.policy.mappo.internal;

import org.junit.jupiter.api.AfterAll;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.testkit.OffloadingPolicyContract;

/** The shipped mappo model, as the component starts it without a configured file, passes the test kit's contract. */
class MappoContractTest extends OffloadingPolicyContract {

    private static MappoPolicy shipped;

    @Override
    protected OffloadingPolicy policy() {
        if (shipped == null) {
            shipped = new MappoPolicy(Fixtures.RUNTIME, Fixtures.config("", 0));
        }
        return shipped;
    }

    @AfterAll
    static void stop() {
        if (shipped != null) {
            shipped.deactivate();
        }
    }
}
