/**
 * Evaluators: consumers of decisions, outcomes and events (metrics, the reflective evaluator).
 */
@Export
@Version("1.0.0")
package org.ledrl.api.eval;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
