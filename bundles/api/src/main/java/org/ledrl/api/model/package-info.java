/**
 * Model records shared by every bundle: topology, task, node and link status, observation,
 * decision, outcome, strategy prior and reflection. All records are immutable values; the
 * helper methods on them hold the one copy of the system model's physics (latency and
 * reliability estimates) so that simulator, baselines and prior providers agree.
 */
@Export
@Version("1.1.0")
package org.ledrl.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
