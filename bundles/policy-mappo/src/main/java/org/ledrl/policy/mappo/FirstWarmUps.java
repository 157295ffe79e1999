package org.ledrl.policy.mappo;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The first warm-ups of every {@link ActorEngine} in the process, one after the other on one thread: at a start they
 * take one core's share from the bundles starting beside them, not one each. The thread ends once the queue has been
 * empty for a second, so nothing lingers after a start or when the bundle stops.
 */
final class FirstWarmUps {

    private static final ThreadPoolExecutor QUEUE = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "ledrl-policy-warm-up");
                thread.setDaemon(true);
                return thread;
            });

    static {
        QUEUE.allowCoreThreadTimeOut(true);
    }

    private FirstWarmUps() {
    }

    /** Queues {@code warmUp} behind the warm-ups already queued. */
    static void run(Runnable warmUp) {
        QUEUE.execute(warmUp);
    }
}
