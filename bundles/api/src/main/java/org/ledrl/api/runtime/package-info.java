/**
 * The live decision service that binds the current policy, telemetry and priors.
 */
@Export
@Version("1.2.0")
package org.ledrl.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
