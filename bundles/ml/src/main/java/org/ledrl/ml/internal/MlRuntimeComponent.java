package org.ledrl.ml.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.ledrl.ml.ActorCritic;
import org.ledrl.ml.InferenceModel;
import org.ledrl.ml.MlRuntime;
import org.ledrl.ml.NetworkSpec;
import org.osgi.framework.BundleContext;
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
                description = "Where PyTorch's native libraries are unpacked on first use (about 430 MB); a relative "
                        + "path is resolved against the installation folder (ledrl.home), else the working directory. "
                        + "Never downloaded: DJL runs offline.")
        String cacheDir() default "data/djl";

        @AttributeDefinition(name = "PyTorch threads",
                description = "Intra-op threads for training; 1 gives the steadiest step times on small networks.")
        int threads() default 1;
    }

    /** The installation folder (a framework property the launcher sets). */
    private static final String HOME_PROPERTY = "ledrl.home";
    private static final Logger LOG = LoggerFactory.getLogger(MlRuntimeComponent.class);

    private final StandaloneRuntime runtime;

    @Activate
    public MlRuntimeComponent(Config config, BundleContext context) {
        String home = context.getProperty(HOME_PROPERTY);
        useUnpackedOnnxRuntime(context, home);
        this.runtime = new StandaloneRuntime(cacheDir(config.cacheDir(), home), config.threads());
        LOG.info("ML runtime ready: ONNX Runtime for inference, training {}", runtime.canTrain()
                ? "with PyTorch (cache " + runtime.cacheDir().toAbsolutePath() + ")"
                : "unavailable (no PyTorch natives installed)");
    }

    /**
     * The DJL cache folder: {@code configured}, resolved against the installation folder when relative, so that
     * {@code bin/ledrl train} unpacks PyTorch once into the installation's {@code data/}, not into whichever folder it
     * was started from.
     */
    static Path cacheDir(String configured, String home) {
        Path path = Path.of(configured);
        return path.isAbsolute() || home == null || home.isBlank() ? path : Path.of(home).resolve(path);
    }

    /**
     * Points ONNX Runtime at its natives kept unpacked under {@code data/onnxruntime} ({@link OrtNatives}), unless the
     * JVM already names a folder; where that cannot be, ONNX Runtime unpacks them into the temporary folder as usual.
     */
    private static void useUnpackedOnnxRuntime(BundleContext context, String home) {
        Optional<String> platform = OrtNatives.platform();
        Optional<Path> jar = OrtNatives.jarOf(context.getBundle().getLocation());
        if (System.getProperty(OrtNatives.NATIVE_PATH_PROPERTY) != null || home == null || platform.isEmpty()
                || jar.isEmpty()) {
            return;
        }
        Path root = Path.of(home, "data", "onnxruntime");
        try {
            OrtNatives.unpacked(jar.get(), root, platform.get()).ifPresent(folder ->
                    System.setProperty(OrtNatives.NATIVE_PATH_PROPERTY, folder.toString()));
        } catch (IOException | RuntimeException e) {
            LOG.info("ONNX Runtime's native libraries are unpacked into the temporary folder at each start: cannot "
                    + "keep them in {}: {}", root, e.getMessage());
        }
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
