/**
 * The shared machinery of prior providers and the prior board: the prompt builder with
 * operator-editable templates, the answer schema and its validator, the guard that retries once
 * and falls back ({@link org.ledrl.prior.GuardedPriorProvider}), the record/replay answer cache, and
 * the prior board ({@link org.ledrl.prior.RefreshingPriorBoard}) in its simulated and live forms.
 * LLM provider bundles implement {@link org.ledrl.prior.ChatClient} over their wire protocol and
 * use the rest as is.
 */
@Export
@Version("1.0.0")
package org.ledrl.prior;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
