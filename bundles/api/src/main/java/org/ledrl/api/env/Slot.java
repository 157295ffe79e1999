package org.ledrl.api.env;

import java.util.List;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Outcome;

/**
 * One time slot of an environment, as returned by {@link EdgeEnvironment#reset} and
 * {@link EdgeEnvironment#step}: the tasks that need a decision now (one observation per task,
 * the agent being the task's origin), the tasks that ended during the previous step, and the
 * failures and recoveries that happened.
 *
 * @param index        slot number within the episode, from 0
 * @param timeMillis   start of the slot on the environment's clock
 * @param observations tasks waiting for a decision, in the order decisions must be given
 * @param outcomes     tasks that ended since the previous slot
 * @param events       failures and recoveries since the previous slot
 * @param done         true when the episode is over (no observations then)
 */
public record Slot(int index, long timeMillis, List<Observation> observations, List<Outcome> outcomes,
                   List<EnvironmentEvent> events, boolean done) {
}
