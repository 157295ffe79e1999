package org.ledrl.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An immutable snapshot of the installed policy services, best ranked first. Components keep the
 * current snapshot in an atomic reference and replace it on every service event, so readers never
 * lock and always see a consistent list.
 */
final class InstalledPolicies {

    static final InstalledPolicies EMPTY = new InstalledPolicies(List.of());

    private final List<PolicyEntry> bestFirst;

    private InstalledPolicies(List<PolicyEntry> bestFirst) {
        this.bestFirst = bestFirst;
    }

    /** This snapshot plus {@code entry}, replacing the entry of the same service if there is one. */
    InstalledPolicies with(PolicyEntry entry) {
        List<PolicyEntry> entries = new ArrayList<>(bestFirst.size() + 1);
        for (PolicyEntry e : bestFirst) {
            if (e.serviceId() != entry.serviceId()) {
                entries.add(e);
            }
        }
        entries.add(entry);
        entries.sort(PolicyEntry.BEST_FIRST);
        return new InstalledPolicies(List.copyOf(entries));
    }

    /** This snapshot without the entry of service {@code serviceId}. */
    InstalledPolicies without(long serviceId) {
        return new InstalledPolicies(bestFirst.stream().filter(e -> e.serviceId() != serviceId).toList());
    }

    /** Every entry, best ranked first; a name can appear more than once. */
    List<PolicyEntry> entries() {
        return bestFirst;
    }

    /** Distinct names, sorted. */
    List<String> names() {
        return bestFirst.stream().map(PolicyEntry::name).distinct().sorted().toList();
    }

    /** The best-ranked entry with that name. */
    Optional<PolicyEntry> find(String name) {
        return bestFirst.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The best-ranked entry of all. */
    Optional<PolicyEntry> best() {
        return bestFirst.stream().findFirst();
    }

    /**
     * The entry decisions should use, and why: {@code wanted} when it is installed; else the first installed of
     * {@code defaults} (the documented default, or a fallback after it); else the best ranked.
     */
    Optional<Selection> select(String wanted, List<String> defaults) {
        if (!wanted.isEmpty()) {
            Optional<PolicyEntry> configured = find(wanted);
            if (configured.isPresent()) {
                return configured.map(e -> new Selection(e, "configured"));
            }
        }
        String missing = wanted.isEmpty() ? "" : "'" + wanted + "' is configured but not installed; ";
        for (int i = 0; i < defaults.size(); i++) {
            Optional<PolicyEntry> entry = find(defaults.get(i));
            if (entry.isPresent()) {
                String reason = i == 0 ? "default"
                        : "fallback: the default " + String.join(", ", defaults.subList(0, i)) + " is not available";
                return entry.map(e -> new Selection(e, missing + reason));
            }
        }
        String none = defaults.isEmpty() ? "" : "none of the defaults (" + String.join(", ", defaults) + ") is installed; ";
        return best().map(e -> new Selection(e, missing + none + "highest ranking"));
    }

    /** A policy chosen to decide, with the reason an operator reads in {@code status} and the health check. */
    record Selection(PolicyEntry entry, String reason) {
    }
}
