package org.ledrl.policy.mappo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.ml.ActorCritic;
import org.ledrl.ml.MlRuntime;
import org.ledrl.ml.NetworkSpec;
import org.ledrl.ml.internal.StandaloneRuntime;

/** The first actor of a layout compiles the decision's code; the others run their session only, then wait for it. */
class WarmUpTest {

    private static final MlRuntime RUNTIME = new StandaloneRuntime(
            Path.of(System.getProperty("DJL_CACHE_DIR", System.getProperty("user.home") + "/.djl.ai")), 1);

    @TempDir
    Path dir;

    @BeforeEach
    @AfterEach
    void forget() {
        WarmUp.forgetForTests();
    }

    @Test
    void theFirstActorOfEachLayoutCompilesAndTheOthersOnlyRunTheirSession() throws Exception {
        assertEquals(WarmUp.COMPILING, WarmUp.run(actor("a", ObservationEncoder.withPrior(5), 1), "a"));
        assertEquals(WarmUp.FIRST_RUNS, WarmUp.run(actor("b", ObservationEncoder.withPrior(5), 2), "b"));
        assertEquals(WarmUp.COMPILING, WarmUp.run(actor("c", new ObservationEncoder(5), 3), "c"),
                "another layout has code of its own to compile");
        assertEquals(WarmUp.FIRST_RUNS, WarmUp.run(actor("d", new ObservationEncoder(5), 4), "d"));
    }

    @Test
    void anActorThatStartsBesideTheFirstEndsOnlyAfterIt() throws Exception {
        Actor one = actor("one", new ObservationEncoder(5), 1);
        Actor two = actor("two", new ObservationEncoder(5), 2);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<long[]> a = threads.submit(() -> warmUp(one, "one", together));
            Future<long[]> b = threads.submit(() -> warmUp(two, "two", together));
            long[] other = a.get()[0] == WarmUp.COMPILING ? b.get() : a.get();
            assertEquals(WarmUp.FIRST_RUNS, other[0], "one of them compiles, the other does not");
            assertEquals(1, other[1], "the short warm-up ended only once the first of its layout had ended");
        } finally {
            threads.shutdownNow();
        }
    }

    /** Its decisions, and 1 when the first warm-up of its layout had ended by the time it returned. */
    private static long[] warmUp(Actor actor, String name, CyclicBarrier together) throws Exception {
        together.await();
        int decisions = WarmUp.run(actor, name);
        return new long[] {decisions, WarmUp.compiled(actor.card().observation().layout()) ? 1 : 0};
    }

    private Actor actor(String name, ObservationEncoder encoder, long seed) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        NetworkSpec spec = new NetworkSpec(encoder.maxNodes(), encoder.features(), 8, 16, 4, 0.0,
                encoder.priorFeatures());
        Path model = folder.resolve("model.onnx");
        try (ActorCritic networks = RUNTIME.createActorCritic(spec, seed)) {
            networks.exportActor(model);
        }
        ModelCard card = ModelCard.of(encoder, new ModelCard.Training("test", seed, 0, 0.0, null));
        return Actor.of(RUNTIME.loadOnnx(model), card, model.toString());
    }
}
