package org.ledrl.ml.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledrl.ml.ActorCritic;
import org.ledrl.ml.NetworkSpec;
import org.ledrl.ml.PpoSettings;
import org.ledrl.ml.RolloutBatch;
import org.ledrl.ml.UpdateStats;

/** The update computes the policy that chose the actions, and clips actor and critic apart. */
class PpoUpdateTest {

    private static final int SIZE = 128;

    @Test
    void theProbabilityRatioIsOneBeforeTheFirstStep() {
        NetworkSpec spec = new NetworkSpec(6, 4, 8, 32, 5, 0.0);
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(spec, 3)) {
            UpdateStats stats = networks.update(batch(networks, spec, 1f), settings(1, SIZE), 5);
            assertTrue(stats.firstRatioError() < 1e-5, "ratio - 1 before the first step: " + stats.firstRatioError());
            assertEquals(0.0, stats.clipFraction(), 1e-12, "nothing clipped in a single step from the same policy");
        }
    }

    /** The check above can fail: with dropout in the update the policy is not the one that chose the actions. */
    @Test
    void dropoutInTheUpdateMakesTheRatioDifferFromOne() {
        NetworkSpec spec = new NetworkSpec(6, 4, 8, 32, 5, 0.5);
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(spec, 3)) {
            UpdateStats stats = networks.update(batch(networks, spec, 1f), settings(1, SIZE), 5);
            assertTrue(stats.firstRatioError() > 1e-3, "ratio error with dropout: " + stats.firstRatioError());
        }
    }

    /**
     * The actor shares no weight with the critic, so with separate clipping the actor's steps do not depend on how
     * large the value error is: value targets 1000 times larger leave the same actor.
     */
    @Test
    void theCriticsErrorDoesNotShrinkTheActorsStep() {
        NetworkSpec spec = new NetworkSpec(6, 4, 8, 32, 5, 0.0);
        TestData probe = new TestData(spec, 32, 77);
        float[] small;
        float[] large;
        UpdateStats largeStats;
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(spec, 4)) {
            networks.update(batch(networks, spec, 1f), settings(3, 32), 9);
            small = networks.scores(probe.observations, probe.masks, 32);
        }
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(spec, 4)) {
            largeStats = networks.update(batch(networks, spec, 1000f), settings(3, 32), 9);
            large = networks.scores(probe.observations, probe.masks, 32);
        }
        assertTrue(largeStats.criticGradNorm() > 10 * largeStats.actorGradNorm(), "critic " + largeStats.criticGradNorm()
                + ", actor " + largeStats.actorGradNorm());
        assertArrayEquals(small, large, 1e-6f);
    }

    /**
     * The backward pass reads nothing the garbage collector may free after the forward pass: with collections running
     * all through an update, the networks and the optimiser end as without, bit for bit. MAPPO's actor, and LeDRL's
     * alignment actor with the residual prior bias.
     */
    @Test
    void garbageCollectionsDuringAnUpdateChangeNothing(@TempDir Path dir) throws Exception {
        for (NetworkSpec spec : List.of(new NetworkSpec(6, 4, 8, 32, 5, 0.0), new NetworkSpec(6, 9, 8, 32, 5, 0.0, 5))) {
            byte[] quiet = updated(spec, dir.resolve("quiet.bin"));
            try (GarbageStorm storm = new GarbageStorm()) {
                byte[] collected = updated(spec, dir.resolve("collected.bin"));
                assertTrue(storm.collections() > 10, "collections during the updates: " + storm.collections());
                assertArrayEquals(quiet, collected, "the same networks and optimiser state for " + spec);
            }
        }
    }

    /**
     * A step in shards is the step of the whole minibatch, up to rounding: each shard's loss is weighted by its
     * share, so the summed gradients are the minibatch's. Shards of 3 rows and of 43 rows, uneven on purpose.
     */
    @Test
    void shardsSumToTheWholeMinibatchsStep() {
        NetworkSpec spec = new NetworkSpec(6, 9, 8, 32, 5, 0.0, 5);
        UpdateStats whole = firstStep(spec, 1);
        for (int shards : new int[] {3, 43}) {
            UpdateStats sharded = firstStep(spec, shards);
            String what = shards + " shards against 1";
            assertEquals(whole.policyLoss(), sharded.policyLoss(), 1e-5, what);
            assertEquals(whole.valueLoss(), sharded.valueLoss(), 1e-5 * whole.valueLoss(), what);
            assertEquals(whole.entropy(), sharded.entropy(), 1e-5 * whole.entropy(), what);
            assertEquals(whole.actorGradNorm(), sharded.actorGradNorm(), 1e-4 * whole.actorGradNorm(), what);
            assertEquals(whole.criticGradNorm(), sharded.criticGradNorm(), 1e-4 * whole.criticGradNorm(), what);
            assertTrue(whole.actorGradNorm() > 1e-3, "a gradient to compare: " + whole.actorGradNorm());
        }
    }

    /** The figures of one step on the whole batch, in {@code shards} shards. */
    private static UpdateStats firstStep(NetworkSpec spec, int shards) {
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(spec, 4)) {
            return networks.update(batch(networks, spec, 1f), settings(1, SIZE, shards), 9);
        }
    }

    /**
     * The shards' gradients are summed in shard order, whichever thread computed them: 4 shards on this thread alone,
     * with one helper and with three, train the same networks and optimiser, bit for bit.
     */
    @Test
    void theThreadsThatComputeTheShardsChangeNothing(@TempDir Path dir) throws Exception {
        NetworkSpec spec = new NetworkSpec(6, 9, 8, 32, 5, 0.0, 5);
        byte[] alone = updatedInShards(spec, 0, dir.resolve("alone.bin"));
        for (int helpers : new int[] {1, 3}) {
            byte[] spread = updatedInShards(spec, helpers, dir.resolve(helpers + ".bin"));
            assertArrayEquals(alone, spread, "4 shards on this thread and on " + helpers + " helpers");
        }
    }

    /** The networks and optimiser after updates in 4 shards, on this thread and {@code helpers} helper threads. */
    private static byte[] updatedInShards(NetworkSpec spec, int helpers, Path file) throws Exception {
        // a fixed pool makes a thread per task until it has them all: threads made are threads that took a shard
        AtomicInteger made = new AtomicInteger();
        ExecutorService threads = helpers == 0 ? null : Executors.newFixedThreadPool(helpers, task -> {
            made.incrementAndGet();
            return new Thread(task);
        });
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(spec, 4)) {
            for (int update = 0; update < 3; update++) {
                ((AttentionActorCritic) networks).update(batch(networks, spec, 1f), settings(2, 32, 4), 9 + update,
                        threads, helpers);
            }
            networks.save(file);
        } finally {
            if (threads != null) {
                threads.shutdown();
            }
        }
        assertEquals(Math.min(helpers, 3), made.get(), "helper threads that computed shards");
        return Files.readAllBytes(file);
    }

    /** The saved networks and optimiser after a few updates of 4 epochs (16 steps each). */
    private static byte[] updated(NetworkSpec spec, Path file) throws Exception {
        try (ActorCritic networks = TestData.RUNTIME.createActorCritic(spec, 4)) {
            for (int update = 0; update < 5; update++) {
                networks.update(batch(networks, spec, 1f), settings(4, 32), 9 + update);
            }
            networks.save(file);
        }
        return Files.readAllBytes(file);
    }

    private static PpoSettings settings(int epochs, int minibatch) {
        return settings(epochs, minibatch, 1);
    }

    private static PpoSettings settings(int epochs, int minibatch, int shards) {
        return new PpoSettings(1e-3, 0.2, epochs, minibatch, 0.5, 0.01, 0.5, 0.5, shards);
    }

    /** Actions sampled from the networks' own policy, with their log-probabilities; returns scaled by {@code scale}. */
    private static RolloutBatch batch(ActorCritic networks, NetworkSpec spec, float scale) {
        TestData data = new TestData(spec, SIZE, 11);
        int n = spec.maxNodes();
        float[] p = networks.probabilities(data.observations, data.masks, SIZE);
        Random random = new Random(12);
        int[] actions = new int[SIZE];
        float[] logProbs = new float[SIZE];
        float[] advantages = new float[SIZE];
        float[] returns = new float[SIZE];
        float[] critic = new float[SIZE * spec.criticInputs()];
        for (int b = 0; b < SIZE; b++) {
            double u = random.nextDouble();
            int a = 0;
            double cumulative = 0;
            for (int t = 0; t < n; t++) {
                cumulative += p[b * n + t];
                if (data.masks[b * n + t] > 0) {
                    a = t;
                    if (u < cumulative) {
                        break;
                    }
                }
            }
            actions[b] = a;
            logProbs[b] = (float) Math.log(p[b * n + a]);
            advantages[b] = (float) random.nextGaussian();
            returns[b] = scale * (float) random.nextGaussian();
            for (int c = 0; c < spec.criticInputs(); c++) {
                critic[b * spec.criticInputs() + c] = (float) random.nextGaussian();
            }
        }
        return new RolloutBatch(SIZE, data.observations, data.masks, critic, actions, logProbs, advantages, returns);
    }
}
