package org.ledrl.runtime.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ledrl.api.eval.Evaluator;
import org.ledrl.api.model.Outcome;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PriorConsumer;
import org.ledrl.api.prior.PriorBoard;
import org.ledrl.api.runtime.DecisionService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DecisionService}: decides with the current policy and the latest prior of the
 * agent's node.
 *
 * <p>The current policy is the one named by the {@code policy} setting when that one is installed,
 * else the first installed of the {@code defaults} setting (the documented default, then its fallbacks),
 * else the best-ranked {@link OffloadingPolicy} service. It is recomputed on every service or
 * configuration change and published through an atomic reference, so the decision path takes no
 * lock: a decision that started with the old policy finishes with it, the next one uses the new.
 * Whatever the policy does (throws, answers null or a node that is not available) the decision
 * still comes back, with the task kept on the agent's node, and the fault is counted.
 */
@Component(name = DecisionServiceImpl.PID, service = {DecisionService.class, DecisionStatus.class}, immediate = true)
@Designate(ocd = DecisionServiceImpl.Config.class)
public final class DecisionServiceImpl implements DecisionService, DecisionStatus {

    /** The configuration PID, so {@code conf/org.ledrl.runtime.decision.cfg} configures it. */
    public static final String PID = "org.ledrl.runtime.decision";

    /** The key of {@link Config#policy()} in the configuration. */
    static final String POLICY_SETTING = "policy";

    /**
     * The live default, chosen on measurement: {@code mappo} is level with the best measured policy that needs no
     * LLM, {@code ledrl-heuristic} (0.1 to 0.4 points below it, within the noise but on one scenario; see
     * bundles/policy-ledrl/README.md), at about half its decision time and with no prior to compute at each decision;
     * {@code heuristic-prior}, the best rule-based one, decides when mappo's model cannot load (its component then
     * does not register).
     */
    static final String DEFAULT_POLICIES = "mappo,heuristic-prior";

    /** What {@link #activePolicy()} says, and decisions are labelled, when no policy is installed. */
    static final String NO_POLICY = "none";

    /** How a decision is labelled when the policy failed and the task was kept local instead. */
    static final String FALLBACK = "fallback";

    @ObjectClassDefinition(name = "LeDRL decision service",
            description = "Decides where each task runs with the current offloading policy and the latest strategy prior.")
    public @interface Config {

        @AttributeDefinition(name = "Policy",
                description = "Name of the offloading policy to decide with (see 'ledrl policies'). Empty, or a "
                        + "name that is not installed: the first installed of 'defaults'.")
        String policy() default "";

        @AttributeDefinition(name = "Defaults",
                description = "Comma-separated policy names used when 'policy' is empty or not installed, first "
                        + "installed wins: the default, then fallbacks. When none is installed, the policy with the "
                        + "highest service ranking decides.")
        String defaults() default DEFAULT_POLICIES;

        @AttributeDefinition(name = "Canary share", description = "Share of live tasks a canary decides: a new "
                + "version of the active policy dropped into deploy/ as <name>.canary.jar.", min = "0", max = "1")
        double canaryShare() default 0.1;

        @AttributeDefinition(name = "Canary seconds", description = "How long a canary is on trial before the verdict.",
                min = "1")
        long canarySeconds() default 600;

        @AttributeDefinition(name = "Canary margin", description = "How much lower (absolute, 0.05 = 5 points) a "
                + "canary's success rate may be than the incumbent's and still be promoted.", min = "0", max = "1")
        double canaryMargin() default 0.05;

        @AttributeDefinition(name = "Canary outcomes", description = "Outcomes each side needs for a verdict; with "
                + "fewer the canary is rolled back.", min = "1")
        long canaryMinOutcomes() default 20;
    }

    /**
     * The policy in use now and why it was chosen; {@code warned} limits the fault warning to one per policy
     * activation.
     */
    private record Active(String name, OffloadingPolicy policy, String reason, AtomicBoolean warned,
                          FirstDecisions first, CanaryTrial trial) {

        static Active of(InstalledPolicies.Selection selection, CanaryTrial trial) {
            PolicyEntry entry = selection.entry();
            return new Active(entry.name(), entry.policy(), selection.reason(), new AtomicBoolean(),
                    new FirstDecisions(entry.bundleId()), trial);
        }

        static Active none() {
            return new Active(NO_POLICY, KEEP_LOCAL, "no policy is installed", new AtomicBoolean(),
                    new FirstDecisions(-1), null);
        }

        OffloadingPolicy canaryPolicy() {
            return trial == null ? null : trial.canary().policy();
        }
    }

    /** Stands in for a missing policy: the task stays on the agent's node. */
    private static final OffloadingPolicy KEEP_LOCAL = new OffloadingPolicy() {
        @Override
        public String name() {
            return NO_POLICY;
        }

        @Override
        public Decision decide(Observation observation, StrategyPrior prior) {
            return Decision.of(observation.agent(), NO_POLICY);
        }
    };


    private static final Logger LOG = LoggerFactory.getLogger(DecisionServiceImpl.class);

    private final Object changes = new Object();
    private InstalledPolicies installed = InstalledPolicies.EMPTY; // guarded by changes
    private final CanaryPolicies canaries = new CanaryPolicies(); // guarded by changes
    private volatile String configuredPolicy = "";
    private List<String> defaults = List.of(DEFAULT_POLICIES.split(",")); // guarded by changes
    private volatile Config config;

    private final AtomicReference<Active> active = new AtomicReference<>(Active.none());
    private final AtomicReference<PriorBoard> priorBoard = new AtomicReference<>(PriorBoard.NONE);

    private final LongAdder decisions = new LongAdder();
    private final LongAdder policyErrors = new LongAdder();
    private final LongAdder invalidAnswers = new LongAdder();

    @Activate
    @Modified
    void configure(Config config) {
        synchronized (changes) {
            this.config = config;
            configuredPolicy = config.policy().trim();
            defaults = Arrays.stream(config.defaults().split(",")).map(String::trim).filter(n -> !n.isEmpty())
                    .toList();
            reselect();
        }
    }

    @Reference(name = "policy", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removePolicy", updated = "updatedPolicy")
    void addPolicy(OffloadingPolicy policy, Map<String, Object> properties) {
        PolicyEntry entry = PolicyEntry.of(policy, properties);
        synchronized (changes) {
            if (CanaryPolicies.isCanary(entry)) {
                canaries.add(entry);
            } else {
                installed = installed.with(entry);
            }
            reselect();
        }
    }

    void updatedPolicy(OffloadingPolicy policy, Map<String, Object> properties) {
        addPolicy(policy, properties);
    }

    void removePolicy(OffloadingPolicy policy, Map<String, Object> properties) {
        long serviceId = PolicyEntry.of(policy, properties).serviceId();
        synchronized (changes) {
            installed = installed.without(serviceId);
            canaries.remove(serviceId);
            reselect();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetPriorBoard")
    void setPriorBoard(PriorBoard board) {
        priorBoard.set(board);
    }

    void unsetPriorBoard(PriorBoard board) {
        // DS binds a replacement before it unbinds the old board: only clear what is still ours
        priorBoard.compareAndSet(board, PriorBoard.NONE);
    }

    /** Publishes the policy decisions should use now. Called with {@code changes} held. */
    private void reselect() {
        String wanted = configuredPolicy;
        Active previous = active.get();
        Active next = installed.select(wanted, defaults).map(selection -> Active.of(selection,
                canaries.trialFor(selection.entry(), previous.trial(), config)))
                .orElseGet(Active::none);
        if (previous.policy() == next.policy() && previous.name().equals(next.name())
                && previous.reason().equals(next.reason()) && previous.canaryPolicy() == next.canaryPolicy()) {
            return;
        }
        active.set(next);
        if (next.trial() != null) {
            next.trial().open(System.currentTimeMillis()); // after set: no task it counts was decided without it
        }
        if (!wanted.isEmpty() && !wanted.equals(next.name())) {
            LOG.warn("Policy '{}' (setting 'policy' of {}) is not installed; deciding with '{}' until it is",
                    wanted, PID, next.name());
        } else {
            LOG.info("Deciding with policy '{}' ({}; was '{}')", next.name(), next.reason(), previous.name());
        }
    }

    /** Passes the outcome to the current policy when it learns from outcomes (e.g. what the agents did lately). */
    @Override
    public void outcome(Outcome outcome) {
        CanaryTrial trial = active.get().trial();
        if (trial != null) {
            trial.outcome(outcome);
        }
        if (active.get().policy() instanceof Evaluator learning) {
            try {
                learning.onOutcome(outcome);
            } catch (RuntimeException e) {
                LOG.debug("Policy {} failed on an outcome", learning.name(), e);
            }
        }
    }

    @Override
    public Decision decide(Observation observation) {
        decisions.increment();
        Active current = active.get();
        boolean byCanary = current.trial() != null && current.trial().decides(observation.task().id());
        OffloadingPolicy policy = byCanary ? current.canaryPolicy() : current.policy();
        try {
            Decision decision = policy.decide(observation, priorFor(policy, observation));
            if (decision == null) {
                policyErrors.increment();
                fault(current, byCanary, "answered null", null);
            } else if (isAllowed(decision.target(), observation)) {
                if (!byCanary) {
                    current.first().record(null);
                }
                return decision;
            } else {
                invalidAnswers.increment();
                fault(current, byCanary, "answered node " + decision.target() + ", not an available candidate", null);
            }
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a policy whose bundle is being uninstalled can lose its classes mid-call
            policyErrors.increment();
            fault(current, byCanary, "threw " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        return Decision.of(observation.agent(), FALLBACK);
    }

    /**
     * The latest prior for a policy that declares it consumes priors ({@link PriorConsumer}); the null prior for
     * the others, without asking the board: reading a prior costs microseconds when the board's provider answers on
     * the caller's thread (the heuristic), many times what a baseline's decision costs.
     */
    private StrategyPrior priorFor(OffloadingPolicy policy, Observation observation) {
        if (!(policy instanceof PriorConsumer)) {
            return StrategyPrior.none(observation.agent());
        }
        PriorBoard board = priorBoard.get();
        try {
            board.observe(observation);
            return board.latest(observation.agent());
        } catch (RuntimeException e) {
            LOG.debug("Prior board failed; deciding without a prior", e);
            return StrategyPrior.none(observation.agent());
        }
    }

    /** The agent's own node is always allowed (it is what the fallback does too); others must be available. */
    private static boolean isAllowed(int target, Observation observation) {
        if (target == observation.agent()) {
            return true;
        }
        for (Candidate candidate : observation.candidates()) {
            if (candidate.node() == target) {
                return candidate.available();
            }
        }
        return false;
    }

    /** A fault of the active policy counts against its first decisions; one of its canary, against the canary. */
    private static void fault(Active current, boolean byCanary, String fault, Throwable cause) {
        if (byCanary) {
            current.trial().fault("its canary " + fault);
            warnOnce(current, "(canary) " + fault, cause);
            return;
        }
        current.first().record("policy '" + current.name() + "' " + fault);
        warnOnce(current, fault, cause);
    }

    @Override
    public String earlyFault(long bundleId) {
        return active.get().first().faultOf(bundleId);
    }

    @Override
    public CanaryTrial.Verdict canaryVerdict() {
        CanaryTrial trial = active.get().trial();
        return trial == null ? null : trial.verdictIfDue(System.currentTimeMillis());
    }

    private static void warnOnce(Active current, String fault, Throwable cause) {
        if (current.warned().compareAndSet(false, true)) {
            LOG.warn("Policy '{}' {}; the task stays on its node. Further faults of this policy are logged at debug "
                    + "level and counted (ledrl policies)", current.name(), fault, cause);
        } else {
            LOG.debug("Policy '{}' {}", current.name(), fault, cause);
        }
    }

    @Override
    public String activePolicy() {
        return active.get().name();
    }

    @Override
    public String activePolicyReason() {
        return active.get().reason();
    }

    @Override
    public String selectionFor(String wanted) {
        synchronized (changes) {
            return installed.select(wanted, defaults).map(s -> s.entry().name()).orElse(NO_POLICY);
        }
    }

    @Override
    public List<PolicyEntry> installed() {
        synchronized (changes) {
            return installed.entries();
        }
    }

    @Override
    public String configuredPolicy() {
        return configuredPolicy;
    }

    @Override
    public long decisions() {
        return decisions.sum();
    }

    @Override
    public long policyErrors() {
        return policyErrors.sum();
    }

    @Override
    public long invalidAnswers() {
        return invalidAnswers.sum();
    }
}
