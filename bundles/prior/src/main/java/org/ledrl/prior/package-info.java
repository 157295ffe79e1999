/**
 * The shared machinery of prior providers and the prior board: the prompt builder with
 * operator-editable templates, the answer schema and its validator, the guard that retries once
 * and falls back ({@link org.ledrl.prior.GuardedPriorProvider}), the record/replay answer cache, and
 * the prior board ({@link org.ledrl.prior.RefreshingPriorBoard}) in its simulated and live forms.
 * LLM provider bundles extend {@link org.ledrl.prior.LlmChatClient} with their wire protocol and
 * {@link org.ledrl.prior.LlmPriorProvider} with their configuration, and use the rest as is.
 */
@Export
@Version("1.4.0")
package org.ledrl.prior;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
