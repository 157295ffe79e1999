package org.ledrl.live;

import java.util.List;
import org.ledrl.api.health.BufferStatus;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The live runtime of one gateway: places tasks with the decision service (the same policy
 * services as in simulation) on the network telemetry shows now, takes their outcomes back for the
 * evaluators, and tells what it sees and does. The live bundle implements it; the REST API, the MQTT
 * decision bridge, the Web Console page and the commands use it. Thread-safe.
 */
@ProviderType
public interface LiveRuntime {

    /**
     * Decides where a task runs. Never blocks on I/O.
     *
     * @throws InvalidRequestException when the request does not fit the network (e.g. an unknown origin)
     */
    LiveDecision decide(TaskRequest request) throws InvalidRequestException;

    /**
     * Takes the outcome of a task decided earlier and passes it to the evaluators.
     *
     * @throws InvalidRequestException for a task id that is unknown, already reported or expired, or an
     *                                 executor that is not a node of the network
     */
    void report(OutcomeReport report) throws InvalidRequestException;

    /** The network now. */
    LiveNetwork network();

    /** Names of the installed policies, sorted. */
    List<String> policies();

    /** Name of the policy deciding now. */
    String activePolicy();

    /** Why {@link #activePolicy()} decides: configured, default, fallback or highest ranking. */
    default String activePolicyReason() {
        return "";
    }

    /**
     * Makes the decision service decide with {@code policy} from now on (also after a restart), and
     * returns once it does.
     *
     * @throws InvalidRequestException when no policy of that name is installed
     * @throws IllegalStateException   when the switch could not be made or confirmed
     */
    void usePolicy(String policy) throws InvalidRequestException;

    /** Recent activity. */
    Activity activity();

    /**
     * Every bounded buffer of the platform now, sorted by name: the runtime's own and those of every
     * {@link org.ledrl.api.health.BoundedBuffers} service, each with its size, bound and drop count.
     * None by default (a runtime that keeps nothing, such as a test double).
     */
    default List<BufferStatus> buffers() {
        return List.of();
    }
}
