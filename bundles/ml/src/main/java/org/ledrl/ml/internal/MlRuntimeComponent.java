package org.ledrl.ml.internal;

import java.io.IOException;
import java.nio.file.Path;
import org.ledrl.ml.ActorCritic;
import org.ledrl.ml.InferenceModel;
import org.ledrl.ml.MlRuntime;
import org.ledrl.ml.NetworkSpec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MlRuntime} service. DJL and PyTorch settings are JVM-wide and read once when the engine first starts,
 * so a configuration change takes effect at the next JVM start, not on the fly.
 */
@Component(service = MlRuntime.class, immediate = true, configurationPid = "org.ledrl.ml")
@Designate(ocd = MlRuntimeComponent.Config.class)
public final class MlRuntimeComponent implements MlRuntime {

    @ObjectClassDefinition(name = "LeDRL ML runtime",
            description = "DJL (PyTorch) for training and ONNX Runtime for inference. Changes apply at the next start.")
    public @interface Config {
        @AttributeDefinition(name = "DJL cache folder",
                description = "Where PyTorch's native libraries are unpacked on first use (about 430 MB); relative "
                        + "paths are resolved against the working directory. Never downloaded: DJL runs offline.")
        String cacheDir() default "cache/djl";

        @AttributeDefinition(name = "PyTorch threads",
                description = "Intra-op threads for training; 1 gives the steadiest step times on small networks.")
        int threads() default 1;
    }

    private static final Logger LOG = LoggerFactory.getLogger(MlRuntimeComponent.class);

    private final StandaloneRuntime runtime;

    @Activate
    public MlRuntimeComponent(Config config) {
        this.runtime = new StandaloneRuntime(Path.of(config.cacheDir()), config.threads());
        LOG.info("ML runtime ready: ONNX Runtime for inference, training {}", runtime.canTrain()
                ? "with PyTorch (cache " + runtime.cacheDir().toAbsolutePath() + ")"
                : "unavailable (no PyTorch natives installed)");
    }

    @Override
    public InferenceModel loadOnnx(Path file) throws IOException {
        return runtime.loadOnnx(file);
    }

    @Override
    public InferenceModel loadOnnx(byte[] model, String source) throws IOException {
        return runtime.loadOnnx(model, source);
    }

    @Override
    public boolean canTrain() {
        return runtime.canTrain();
    }

    @Override
    public ActorCritic createActorCritic(NetworkSpec spec, long seed) {
        return runtime.createActorCritic(spec, seed);
    }

    @Override
    public ActorCritic loadActorCritic(Path file) throws IOException {
        return runtime.loadActorCritic(file);
    }
}
