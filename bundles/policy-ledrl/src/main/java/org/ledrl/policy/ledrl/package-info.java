/**
 * How a policy declares that it consumes strategy priors ({@link org.ledrl.policy.ledrl.PriorConsumer}): read by the
 * experiment command to wire a private prior board into each run of such a policy.
 */
@Export
@Version("1.0.0")
package org.ledrl.policy.ledrl;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
