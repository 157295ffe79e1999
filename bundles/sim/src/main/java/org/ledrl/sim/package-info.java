/**
 * The collaborative edge simulator: scenarios ({@link org.ledrl.sim.Scenario}, loaded by
 * {@link org.ledrl.sim.Scenarios}), the multi-agent environment ({@link org.ledrl.sim.Simulation}) and the
 * driver that runs a policy on it and measures the run ({@link org.ledrl.sim.Runner},
 * {@link org.ledrl.sim.RunResult}), and the headroom, a bound on any policy's success rate
 * ({@link org.ledrl.sim.Headroom}).
 */
@Export
@Version("1.3.0")
package org.ledrl.sim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
