/**
 * The multi-agent environment a policy acts in: the simulator provides one, the live runtime another.
 */
@Export
@Version("1.0.0")
package org.ledrl.api.env;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
