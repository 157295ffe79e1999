package org.ledrl.train.internal;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.ml.MlRuntime;
import org.ledrl.policy.mappo.internal.MappoPolicy;

/** The real {@code mappo} policy outside a container, deciding with a model file. */
final class MappoPolicies {

    private MappoPolicies() {
    }

    static OffloadingPolicy fromFile(MlRuntime runtime, Path model) {
        return new MappoPolicy(runtime, new MappoPolicy.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MappoPolicy.Config.class;
            }

            @Override
            public String modelFile() {
                return model.toString();
            }

            @Override
            public String cardFile() {
                return "";
            }

            @Override
            public int checkSeconds() {
                return 0;
            }
        });
    }
}
