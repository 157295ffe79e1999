package org.ledrl.runtime.internal;

import java.util.List;

/**
 * What the decision service is doing, for the {@code policies} and {@code use} commands of this
 * bundle: the installed policies as it sees them, the configured choice and the fault counters.
 * Registered as a service of this bundle only (the package is private).
 */
interface DecisionStatus {

    /** Installed policies, best ranked first. */
    List<PolicyEntry> installed();

    /** The {@code policy} setting; empty when the default policy is used. */
    String configuredPolicy();

    /** Name of the policy deciding now, or {@link DecisionServiceImpl#NO_POLICY}. */
    String activePolicy();

    /** Why the active policy decides: configured, default, fallback or highest ranking. */
    String activePolicyReason();

    /** The policy that would decide if the {@code policy} setting were {@code wanted} (empty: the default). */
    String selectionFor(String wanted);

    long decisions();

    /** Decisions where the policy threw or answered null. */
    long policyErrors();

    /** Decisions where the policy answered a node that was not an available candidate. */
    long invalidAnswers();

    /**
     * When the active policy was registered by this bundle: its first fault among its first decisions since it
     * became active ({@link FirstDecisions}), else null.
     */
    String earlyFault(long bundleId);

    /** The verdict of the canary on trial once its time is up (given once), else null. */
    CanaryTrial.Verdict canaryVerdict();
}
