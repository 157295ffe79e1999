/**
 * The test kit: JUnit 5 contracts that a plugin's policy, prior provider or telemetry source must pass, and the
 * situations they are checked on. An integrator's test class extends a contract and says how to build its subject.
 */
@Export
@Version("1.0.0")
package org.ledrl.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
