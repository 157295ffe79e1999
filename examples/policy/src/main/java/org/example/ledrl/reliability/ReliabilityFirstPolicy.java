package org.example.ledrl.reliability;

import org.ledrl.api.model.Candidate;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.model.Task;
import org.ledrl.api.policy.OffloadingPolicy;
import org.ledrl.api.policy.PolicyName;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@code reliability-first} policy: among the available candidates (the agent's own node included) whose
 * estimated latency leaves the task's deadline a margin, the one least likely to fail the task; when none leaves
 * the margin, the earliest estimated finish. Stateless: one instance serves every thread and every run.
 */
@Component(service = OffloadingPolicy.class, configurationPid = ReliabilityFirstPolicy.PID)
@PolicyName(ReliabilityFirstPolicy.NAME)
@Designate(ocd = ReliabilityFirstPolicy.Config.class)
public final class ReliabilityFirstPolicy implements OffloadingPolicy {

    static final String NAME = "reliability-first";
    static final String PID = "org.example.ledrl.reliability";

    @ObjectClassDefinition(name = "Reliability-first policy",
            description = "Sends each task where it is least likely to fail, among the nodes that meet its deadline.")
    public @interface Config {
        @AttributeDefinition(name = "Deadline share",
                description = "Share of the deadline the estimated latency may use, in (0,1]; the rest is a margin.")
        double deadline_share() default 0.8;
    }

    private volatile double deadlineShare = 0.8;

    public ReliabilityFirstPolicy() {
    }

    ReliabilityFirstPolicy(double deadlineShare) {
        this.deadlineShare = checked(deadlineShare);
    }

    @Activate
    @Modified
    void configure(Config config) {
        deadlineShare = checked(config.deadline_share());
    }

    private static double checked(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException(PID + ": deadline.share must be in (0,1], not " + share);
        }
        return share;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision decide(Observation observation, StrategyPrior prior) {
        Task task = observation.task();
        double budget = task.deadlineS() * deadlineShare;
        Candidate safest = null;
        Candidate fastest = null;
        for (Candidate c : observation.candidates()) {
            if (!c.available()) {
                continue;
            }
            double latency = c.estimatedLatency(task);
            if (fastest == null || latency < fastest.estimatedLatency(task)) {
                fastest = c;
            }
            if (latency <= budget && (safest == null
                    || c.estimatedReliability(task) > safest.estimatedReliability(task))) {
                safest = c;
            }
        }
        Candidate chosen = safest != null ? safest : fastest;
        return Decision.of(chosen == null ? observation.agent() : chosen.node(), NAME);
    }
}
