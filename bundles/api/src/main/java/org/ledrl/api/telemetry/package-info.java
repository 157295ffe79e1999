/**
 * Telemetry sources: status snapshots of real or simulated nodes and links.
 */
@Export
@Version("1.0.0")
package org.ledrl.api.telemetry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
