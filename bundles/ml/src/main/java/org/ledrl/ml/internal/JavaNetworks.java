package org.ledrl.ml.internal;

import java.util.function.Function;
import org.ledrl.ml.NetworkSpec;

/** Actor and critic in plain Java on one copy of the weights (see {@link ActorForward}). */
record JavaNetworks(ActorForward actor, CriticForward critic) {

    static JavaNetworks of(NetworkSpec spec, Function<String, float[]> weights) {
        return new JavaNetworks(new ActorForward(spec, weights), new CriticForward(spec, weights));
    }
}
