package org.ledrl.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ledrl.itests.Platform.platform;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ledrl.ml.ActorCritic;
import org.ledrl.ml.InferenceModel;
import org.ledrl.ml.MlRuntime;
import org.ledrl.ml.NetworkSpec;
import org.ledrl.ml.PpoSettings;
import org.ledrl.ml.RolloutBatch;
import org.ledrl.ml.Tensor;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The ML runtime with the PyTorch natives fragment for this CPU (the server profile): DJL finds the engine and the
 * natives through the context class loader the runtime sets, trains a PPO step, and the exported actor gives the
 * same scores in ONNX Runtime as in PyTorch, all inside Felix.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MlTrainingIT {

    @Inject
    private MlRuntime runtime;

    @Configuration
    public Option[] configuration() {
        List<Option> bundles = new ArrayList<>();
        String natives = "aarch64".equals(System.getProperty("os.arch")) ? "ledrl.itest.natives.aarch64"
                : "ledrl.itest.natives.x86_64";
        for (String path : System.getProperty("ledrl.itest.mappo", "").split(",")) {
            if (!path.isBlank()) {
                bundles.add(bundle(new File(path.trim()).toURI().toString()).startLevel(3));
            }
        }
        // a fragment is installed, never started; it attaches to org.ledrl.ml when that resolves
        bundles.add(bundle(new File(System.getProperty(natives).trim()).toURI().toString()).start(false));
        // one unpack of PyTorch's natives (about 430 MB) for every build, as in the unit tests
        bundles.add(systemProperty("DJL_CACHE_DIR").value(System.getProperty("user.home") + "/.djl.ai"));
        return new Option[] {platform(bundles.toArray(Option[]::new))};
    }

    @Test
    public void trainsAndExportsInsideTheContainer() throws Exception {
        assertTrue("the natives fragment must make training possible", runtime.canTrain());
        NetworkSpec spec = new NetworkSpec(6, 4, 8, 16, 3, 0.1);
        int size = 64;
        Random random = new Random(1);
        float[] observations = new float[size * 24];
        float[] masks = new float[size * 6];
        for (int b = 0; b < size; b++) {
            for (int t = 0; t < 6; t++) {
                observations[(b * 6 + t) * 4] = 1f;
                for (int j = 1; j < 4; j++) {
                    observations[(b * 6 + t) * 4 + j] = (float) random.nextGaussian();
                }
                masks[b * 6 + t] = t == 0 || random.nextBoolean() ? 1f : 0f;
            }
        }
        float[] advantages = new float[size];
        for (int b = 0; b < size; b++) {
            advantages[b] = (float) random.nextGaussian();
        }
        Path model = Files.createTempDirectory("ml-itest").resolve("actor.onnx");
        float[] expected;
        try (ActorCritic networks = runtime.createActorCritic(spec, 3)) {
            networks.update(new RolloutBatch(size, observations, masks, new float[size * 3], new int[size],
                    new float[size], advantages, advantages), new PpoSettings(0.003, 0.2, 2, 16, 0.5, 0, 0.5), 5);
            networks.exportActor(model);
            expected = networks.scores(observations, masks, size);
        }
        try (InferenceModel onnx = runtime.loadOnnx(model)) {
            float[] actual = onnx.run(Map.of("observation", Tensor.matrix(observations, size, 24),
                    "mask", Tensor.matrix(masks, size, 6))).get("scores").data();
            for (int i = 0; i < expected.length; i++) {
                if (masks[i] > 0) {
                    assertEquals("score " + i, expected[i], actual[i], 1e-5);
                }
            }
        }
    }
}
