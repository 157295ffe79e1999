/**
 * The ML runtime's small interface: tensors in, tensors out ({@link org.ledrl.ml.InferenceModel}, ONNX Runtime),
 * and a trainable attention actor (optionally LeDRL's alignment actor, whose prior tokens attend with the observation tokens) with its centralised critic ({@link org.ledrl.ml.ActorCritic}, DJL with the
 * PyTorch engine) that trains with PPO steps, saves and loads checkpoints, and exports its actor to ONNX. Other
 * bundles see only plain arrays: no DJL or ONNX Runtime type crosses this boundary.
 */
@Export
@Version("2.2.0")
package org.ledrl.ml;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
