/**
 * The in-container harness: an integrator's test starts the real platform's Felix with their bundle installed, and
 * decides through the decision service.
 */
@Export
@Version("1.0.0")
package org.ledrl.testkit.container;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
