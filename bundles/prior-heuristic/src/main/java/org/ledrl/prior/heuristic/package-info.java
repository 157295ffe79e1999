/**
 * The heuristic strategy prior: computed from the same context an LLM would see, with the system
 * model's estimates, deterministic and instant. Simulations and the LLM providers' fallback call
 * {@link org.ledrl.prior.heuristic.HeuristicPrior#of} directly.
 */
@Export
@Version("1.1.0")
package org.ledrl.prior.heuristic;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
