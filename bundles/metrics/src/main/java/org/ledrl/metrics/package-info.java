/**
 * Run metrics: a streaming accumulator of decisions, outcomes and events ({@link org.ledrl.metrics.RunMetrics}),
 * the summaries it yields, a constant-memory histogram, statistics over seeds, and the live sliding window
 * ({@link org.ledrl.metrics.LiveMetrics}) the runtime and console read.
 */
@Export
@Version("1.0.0")
package org.ledrl.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
