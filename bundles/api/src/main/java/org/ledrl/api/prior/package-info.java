/**
 * Prior providers: an LLM or a heuristic turning a prompt context into a strategy prior, off the decision path.
 */
@Export
@Version("1.3.0")
package org.ledrl.api.prior;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
