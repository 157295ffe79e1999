/**
 * Offloading policies (observation and prior to decision) and trainers that produce them.
 */
@Export
@Version("1.1.0")
package org.ledrl.api.policy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
