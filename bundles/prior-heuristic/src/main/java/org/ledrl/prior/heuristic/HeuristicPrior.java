package org.ledrl.prior.heuristic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.GlobalStrategy;
import org.ledrl.api.model.NodePreference;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Reflection;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.api.prior.PromptContext;

/**
 * A strategy prior without an LLM, with what a single decision cannot see. The deciding agent reads every
 * candidate's queue and health, but not what the other agents are about to send to the same candidates in the same
 * slot (the herding of per-task decisions). The prior board sees every agent's decisions
 * ({@link PromptContext.Trend#activityOf}): the tasks the other agents sent to a candidate per slot forecast how many
 * will compete with this task there, some of them ahead of it in the queue. A board that asks the heuristic at
 * every decision (it has no latency) also tells it the tasks already sent there in this slot
 * ({@link PromptContext.NodeActivity#sentThisSlot}): those are ahead of this task for certain, and only the rest of the
 * slot's usual inflow is a forecast.
 *
 * <p>Per candidate: forecast finish = queue wait + transfer + compute + contention, with contention = (tasks sent
 * there this slot + {@value #SHARE_AHEAD} x the rest of the other agents' usual tasks per slot there) x this task's
 * compute time there; preference =
 * {@code exp(-forecast/deadline)} (a consumer recovers the forecast as {@code -deadline x ln(preference)}). When the
 * agent's recent tasks were lost in transfer ({@link #transferLossPerHop}) the preference is instead
 * {@code arrives x onTime}: the chance it is not lost on the way, {@code arrives = (1 - loss)^hops}, times the chance
 * the forecast finish meets the deadline ({@link #onTimeChance}). A task that misses its deadline wherever it goes
 * (no candidate finishes it within {@value #LOST_BEYOND_DEADLINES} deadlines) still
 * takes executor time from the tasks behind it until its deadline ends it (none if it starts after its deadline or
 * is lost on the way): for it the preference is {@code exp(-arrives x wasted/deadline)} ({@link #wastedSeconds}), so
 * it goes where it costs the others least. A
 * candidate whose reliability estimate misses the threshold is avoided (preference 0). Nothing else is avoided: a
 * prior is read late (the LLM's delay, refreshes every few slots) and, measured on the paper scenarios, avoiding on
 * facts that do not last (a node that was down, a queue that was long, a node whose recent tasks failed) cost more
 * than it saved; the preference already ranks a long queue low. The global strategy: AVOID_FAILING_REGION when a
 * third or more of the neighbourhood is down or failing; KEEP_LOCAL when the node itself is preferred (or nothing is
 * feasible); SPREAD when the preferred neighbour is a herding target (tasks from {@value #HERD_SENDERS} or more
 * other agents, at least one a slot); otherwise PREFER_FAST_LINKS when transfer is more than a quarter of its
 * latency, else SPREAD. Without a board (an empty trend) there is no contention. The reflective memory's lessons
 * in the prompt ({@link PromptContext#memory()}) are read as data ({@link Lessons}): a candidate's preference is
 * multiplied by the chance, by the lessons about its node and link, that a task survives there, and one below
 * {@value Lessons#AVOID_BELOW} is avoided; without lessons nothing changes. Pure and deterministic: the same
 * context gives the same prior.
 */
public final class HeuristicPrior {

    /** The model name heuristic priors carry. */
    public static final String MODEL = "heuristic";

    private static final double TRANSFER_SHARE_FOR_FAST_LINKS = 0.25;
    /**
     * Of the tasks other agents still send to a node in this slot (beyond those already sent), the share counted as
     * queued before this one. Half would be the plain guess; less works better, since the usual inflow is a forecast
     * that overstates what comes (agents read the same priors and spread). Chosen on validation seeds (101..110,
     * paper-10/20-random) with the shipped model: 0, 0.1, 0.2, 0.3, 0.5, 0.7 and 1.0 gained 3.5, 3.7, 3.9, 3.9, 3.4,
     * 2.9 and 2.1 points over mappo at 10 nodes (3.8, 3.9, 3.8, 3.8, 3.5, 3.0, 2.4 at 20); 0.3 against 0.5 also gained
     * on the rings (+0.2 / +0.2) and with execution failures (+0.4 / +0.2), and tied with transmission failures.
     */
    private static final double SHARE_AHEAD = 0.3;
    static final int HERD_SENDERS = 2;
    /** How much more often an offloaded task is lost in transfer than the share of all tasks lost suggests. */
    private static final double OFFLOAD_SCALE = 2.0;
    /**
     * Width, in deadlines, of the step from on time to late in {@link #onTimeChance}. Chosen on validation seeds
     * (101..110, paper-10/20-random) at transmission failure rate 0.25 with the shipped models: 0.05, 0.1, 0.2 and
     * 0.3 gained +1.6, +1.5, +1.3 and +1.2 points over mappo at 10 nodes (+0.5, +0.3, +0.4, +0.2 at 20), against
     * +1.0 (-0.1) with {@code arrives x exp(-forecast/deadline)}; at rate 0.1, +3.0 / +2.2 against +2.7 / +1.8.
     */
    static final double ON_TIME_WIDTH = 0.1;
    /**
     * A task whose best forecast finish is beyond this many deadlines is lost wherever it goes. Forecasts are rough
     * (the contention is a guess), so a little beyond the deadline is not yet lost. Chosen on validation seeds
     * (101..110, paper-10/20-random): 0.9, 1.0, 1.1, 1.2, 1.3, 1.5 and 2.0 gained 3.7, 4.7, 5.0, 4.7, 4.5, 3.9 and 3.6
     * points over mappo at 10 nodes (4.0, 4.9, 5.4, 5.2, 5.0, 4.7, 4.5 at 20); 3.5 and 4.5 without the rule.
     */
    static final double LOST_BEYOND_DEADLINES = 1.1;

    private static final PriorProvider PROVIDER = new PriorProvider() {
        @Override
        public String name() {
            return MODEL;
        }

        @Override
        public CompletionStage<StrategyPrior> propose(PromptContext context) {
            return CompletableFuture.completedFuture(of(context));
        }
    };

    private HeuristicPrior() {
    }

    /** The heuristic as a prior provider named {@value #MODEL}, answering at once; stateless, shared. */
    public static PriorProvider provider() {
        return PROVIDER;
    }

    public static StrategyPrior of(PromptContext context) {
        return of(context.observation(), context.trend(), context.memory());
    }

    public static StrategyPrior of(Observation obs) {
        return of(obs, PromptContext.Trend.empty(), List.of());
    }

    private static StrategyPrior of(Observation obs, PromptContext.Trend trend, List<Reflection> memory) {
        Task task = obs.task();
        double threshold = obs.reliabilityThreshold();
        List<NodePreference> preferences = new ArrayList<>();
        Candidate best = null;
        double bestScore = -1; // of the available candidates not avoided
        int troubled = 0;
        int avoided = 0;
        double keptPerHop = 1.0 - transferLossPerHop(trend);
        List<Candidate> candidates = obs.candidates();
        // each candidate's forecast finish and reliability once: whether the task is lost depends on all of them
        double[] finish = new double[candidates.size()];
        boolean[] reliable = new boolean[candidates.size()];
        double[] survival = new double[candidates.size()]; // by the lessons; 1 without
        int warned = 0;
        boolean lost = true; // no available, reliable candidate finishes it within LOST_BEYOND_DEADLINES deadlines
        for (int i = 0; i < finish.length; i++) {
            Candidate c = candidates.get(i);
            finish[i] = forecastSeconds(c, task, trend.activityOf(c.node())) + queueSeconds(c);
            reliable[i] = c.estimatedReliability(task) >= threshold;
            survival[i] = Lessons.survival(memory, obs.agent(), c, trend.activityOf(c.node()).executed()
                    / (double) Math.max(1, trend.windowSlots()), c.transferSeconds(task));
            if (c.available() && reliable[i] && finish[i] <= LOST_BEYOND_DEADLINES * task.deadlineS()) {
                lost = false;
            }
        }
        for (int i = 0; i < finish.length; i++) {
            Candidate c = candidates.get(i);
            if (!c.available() || c.status().recentFailures() > 0) {
                troubled++;
            }
            // Only what stays true while the prior is on its way: a node down now may be back by then (the
            // decision masks what is down when it decides), a queue may have drained.
            boolean warnedOff = survival[i] < Lessons.AVOID_BELOW;
            boolean avoid = !reliable[i] || warnedOff;
            if (warnedOff && reliable[i]) {
                warned++;
            }
            double preference = 0.0;
            if (!avoid) {
                double arrives = Math.pow(keptPerHop, c.hops()); // the chance it is not lost on the way
                // a task that succeeds only if it arrives; a lost one wastes executor time only if it arrives
                double score = lost ? Math.exp(-arrives * wastedSeconds(c.computeSeconds(task), finish[i],
                        task.deadlineS()) / task.deadlineS())
                        // with transfer losses only arriving on time counts; without, finishing sooner also does
                        : keptPerHop < 1.0 ? arrives * onTimeChance(finish[i], task.deadlineS())
                        : Math.exp(-finish[i] / task.deadlineS());
                preference = Math.round(score * survival[i] * 1000) / 1000.0;
            } else {
                avoided++;
            }
            preferences.add(new NodePreference(c.node(), preference, avoid));
            if (!avoid && c.available() && preference > bestScore) {
                bestScore = preference;
                best = c;
            }
        }
        GlobalStrategy strategy;
        int n = candidates.size();
        boolean herding = best != null && best.hops() > 0 && isHerdingTarget(trend.activityOf(best.node()));
        if (n > 1 && troubled * 3 >= n) {
            strategy = GlobalStrategy.AVOID_FAILING_REGION;
        } else if (best == null || bestScore <= 0 || best.hops() == 0) {
            strategy = GlobalStrategy.KEEP_LOCAL;
        } else if (herding) {
            strategy = GlobalStrategy.SPREAD;
        } else if (best.transferSeconds(task) > TRANSFER_SHARE_FOR_FAST_LINKS * best.estimatedLatency(task)) {
            strategy = GlobalStrategy.PREFER_FAST_LINKS;
        } else {
            strategy = GlobalStrategy.SPREAD;
        }
        // written with Fixed, not String.format: this runs at every decision of a fresh board
        StringBuilder rationale = new StringBuilder(160);
        if (lost && best != null) {
            rationale.append("The deadline is out of reach everywhere: node ").append(best.node())
                    .append(" loses the least executor time to it. ");
        }
        if (best == null || bestScore <= 0) {
            Fixed.append(rationale.append("No available candidate meets reliability "), threshold, 2)
                    .append("; ").append(avoided).append(" of ").append(n).append(" avoided.");
        } else {
            PromptContext.NodeActivity activity = trend.activityOf(best.node());
            rationale.append("Best node ").append(best.node()).append(": estimated ");
            Fixed.append(rationale, best.estimatedLatency(task), 2).append(" s with ");
            Fixed.append(rationale, forecastSeconds(best, task, activity) - best.transferSeconds(task)
                    - best.computeSeconds(task), 2).append(" s of contention, reliability ");
            Fixed.append(rationale, best.estimatedReliability(task), 3).append("; ").append(avoided).append(" of ")
                    .append(n).append(" avoided, ").append(troubled).append(" down or failing");
            if (herding) {
                Fixed.append(rationale.append("; other agents send "), activity.inflowPerSlot(), 1)
                        .append(" tasks a slot there (").append(activity.senders()).append(" agents): spread");
            }
            rationale.append('.');
        }
        if (warned > 0) {
            rationale.append(" Lessons avoid ").append(warned).append(" more.");
        }
        return new StrategyPrior(obs.agent(), preferences, strategy, rationale.toString(), MODEL, obs.timeMillis());
    }

    /**
     * Seconds a task takes at {@code c} apart from the queue it finds: transfer, compute, and the wait behind the
     * tasks other agents send there in the same slot.
     */
    static double forecastSeconds(Candidate c, Task task, PromptContext.NodeActivity activity) {
        double compute = c.computeSeconds(task);
        double stillToCome = Math.max(0.0, activity.inflowPerSlot() - activity.sentThisSlot());
        double ahead = activity.sentThisSlot() + SHARE_AHEAD * stillToCome;
        return c.transferSeconds(task) + compute + ahead * compute;
    }

    /**
     * The share of a task that crosses one hop and is lost in transfer (a transmission failure), as the asking
     * agent's recent tasks show it: the share of them lost in transfer, times {@value #OFFLOAD_SCALE}, at most 0.9.
     * Only offloaded tasks can be lost in transfer and the trend does not say how many were offloaded, so the share of
     * all tasks understates the loss per hop; the scale was chosen on validation seeds (101..110) at transmission
     * failure rate 0.25 with the shipped models: 0, 1, 2, 3 and 4 gave -0.5, +0.8, +1.3, +0.8 and -0.3 points over
     * mappo on paper-10-random (-1.9, -0.4, +0.2, -0.2, -1.1 on paper-20-random); with {@link #onTimeChance} since,
     * 1, 2 and 3 gave +1.1, +1.5 and +1.4 (+0.0, +0.3, +0.3). Without transmission failures it is 0 and changes
     * nothing.
     */
    static double transferLossPerHop(PromptContext.Trend trend) {
        Integer lost = trend.failures().get(FailureReason.TRANSMISSION_FAILURE);
        if (lost == null || trend.tasks() == 0) {
            return 0.0;
        }
        return Math.min(0.9, OFFLOAD_SCALE * lost / (trend.tasks() + 2.0));
    }

    /**
     * The executor time a lost task takes from the tasks behind it: it runs from its start until it finishes or its
     * deadline ends it; one that would start after its deadline never runs and costs nothing.
     */
    static double wastedSeconds(double compute, double finish, double deadline) {
        double start = finish - compute;
        return Math.max(0.0, Math.min(compute, deadline - start));
    }

    /**
     * The chance that a task forecast to finish after {@code finish} seconds meets its deadline: a logistic step
     * {@value #ON_TIME_WIDTH} deadlines wide, since forecasts are rough. Without transfer losses the preference ranks
     * candidates by how soon they finish ({@code exp(-forecast/deadline)}): a sooner finish frees the executor sooner
     * for the tasks behind. With losses, some of the tasks sent away never arrive, which outweighs that:
     * only meeting the deadline and arriving count, so a task stays where it is whenever it is on time there.
     */
    static double onTimeChance(double finish, double deadline) {
        return 1.0 / (1.0 + Math.exp((finish / deadline - 1.0) / ON_TIME_WIDTH));
    }

    /** The queue wait; an unmeasured one is never read as idle (the preference becomes 0). */
    private static double queueSeconds(Candidate c) {
        double wait = c.status().queueSeconds();
        return Double.isFinite(wait) ? Math.max(0.0, wait) : Double.POSITIVE_INFINITY;
    }

    private static boolean isHerdingTarget(PromptContext.NodeActivity activity) {
        return activity.senders() >= HERD_SENDERS && activity.inflowPerSlot() >= 1.0;
    }
}
