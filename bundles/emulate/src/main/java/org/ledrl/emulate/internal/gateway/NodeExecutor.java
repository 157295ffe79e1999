package org.ledrl.emulate.internal.gateway;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.ledrl.api.model.FailureReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's processor: runs one task at a time from a FIFO queue, as the simulator's nodes do, holding
 * each for its compute time ({@code cycles / cpuGHz}, divided by the emulation's speed), either asleep or
 * burning CPU. A task still unfinished at its deadline is abandoned then; one whose execution fails stops
 * at its failure point. The queue holds at most {@code capacity} tasks, the running one included: a task
 * beyond that is refused ({@link FailureReason#QUEUE_FULL}) and counted.
 */
final class NodeExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeExecutor.class);

    /** A task to run; {@code done} gets the failure ({@code NONE} when completed) and how long it was held, ms. */
    record Job(TaskMessages.TaskMessage task, long receivedAtMillis, BiConsumer<FailureReason, Long> done) {
    }

    private final double cpuGHz;
    private final double speed;
    private final boolean burn;
    private final int capacity;
    private final Deque<Job> queue = new ArrayDeque<>();
    private final Thread worker;
    private long runningUntilMillis; // guarded by this
    private boolean running; // guarded by this
    private double queuedSeconds; // guarded by this: scenario seconds of compute waiting
    private long refused; // guarded by this
    private volatile boolean closed;

    NodeExecutor(int node, double cpuGHz, double speed, boolean burn, int capacity) {
        this.cpuGHz = cpuGHz;
        this.speed = speed;
        this.burn = burn;
        this.capacity = capacity;
        this.worker = new Thread(this::work, "ledrl-emulated-node-" + node);
        worker.setDaemon(true);
        worker.start();
    }

    /** Compute time of {@code cycles} on this node, scenario seconds. */
    double computeSeconds(double cycles) {
        return cycles / (cpuGHz * 1e9);
    }

    /** Queues a job; false (and the job is not taken) when the queue is full. */
    synchronized boolean submit(Job job) {
        if (closed || queue.size() + (running ? 1 : 0) >= capacity) {
            refused++;
            return false;
        }
        queue.addLast(job);
        queuedSeconds += computeSeconds(job.task().cycles());
        notifyAll();
        return true;
    }

    /** Tasks queued or running. */
    synchronized int size() {
        return queue.size() + (running ? 1 : 0);
    }

    /** How long a task arriving now would wait, scenario seconds. */
    synchronized double backlogSeconds() {
        double remaining = running ? Math.max(0, runningUntilMillis - System.currentTimeMillis()) * speed / 1000.0 : 0;
        return remaining + queuedSeconds;
    }

    synchronized long refused() {
        return refused;
    }

    private void work() {
        while (!closed) {
            Job job;
            synchronized (this) {
                while (queue.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                job = queue.removeFirst();
                queuedSeconds = Math.max(0, queuedSeconds - computeSeconds(job.task().cycles()));
                running = true;
            }
            FailureReason outcome;
            try {
                outcome = run(job.task());
            } catch (InterruptedException e) {
                return;
            } finally {
                synchronized (this) {
                    running = false;
                }
            }
            try {
                job.done().accept(outcome, System.currentTimeMillis() - job.receivedAtMillis());
            } catch (RuntimeException e) {
                LOG.warn("Emulated node: reporting task {} failed", job.task().taskId(), e);
            }
        }
    }

    private FailureReason run(TaskMessages.TaskMessage task) throws InterruptedException {
        long now = System.currentTimeMillis();
        if (now >= task.deadlineAtMillis()) {
            return FailureReason.DEADLINE_MISSED;
        }
        double computeMs = computeSeconds(task.cycles()) * 1000.0 / speed;
        boolean fails = task.executionFailsAt() >= 0;
        long finish = now + Math.round(fails ? computeMs * task.executionFailsAt() : computeMs);
        long end = Math.min(finish, task.deadlineAtMillis());
        synchronized (this) {
            runningUntilMillis = end;
        }
        hold(end);
        if (end < finish) {
            return FailureReason.DEADLINE_MISSED;
        }
        return fails ? FailureReason.EXECUTION_FAILURE : FailureReason.NONE;
    }

    /** Until {@code endMillis}: asleep, or spinning on the CPU with {@code --work cpu}. */
    private void hold(long endMillis) throws InterruptedException {
        if (!burn) {
            long left;
            while ((left = endMillis - System.currentTimeMillis()) > 0) {
                TimeUnit.MILLISECONDS.sleep(left);
            }
            return;
        }
        long x = 1;
        while (System.currentTimeMillis() < endMillis) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        if (x == 42) {
            LOG.trace("unlikely");
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        worker.interrupt();
    }
}
