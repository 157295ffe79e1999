/**
 * The MAPPO observation layout and model card, shared by the {@code mappo} policy engine and the trainer: one
 * encoder turns an {@link org.ledrl.api.model.Observation} into the actor's tokens and mask, and the model card
 * describes which layout a model expects, so a model trained elsewhere can be checked before it is used. The
 * layout with the prior ({@link org.ledrl.policy.mappo.ObservationEncoder#withPrior}) adds the strategy prior's
 * view of each candidate for the LeDRL actors. {@link org.ledrl.policy.mappo.ActorEngine} is the engine every ONNX
 * actor policy decides with; {@link org.ledrl.policy.mappo.LearnedPolicy} gives a policy's training and validation
 * curves.
 */
@Export
@Version("1.2.0")
package org.ledrl.policy.mappo;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
