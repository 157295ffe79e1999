package org.ledrl.api.health;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What does not work on this platform now: components that failed to start or stay unsatisfied.
 * The platform registers one; {@code status} and the REST health list what it says. Cheap and
 * thread-safe.
 */
@ProviderType
public interface PlatformProblems {

    /** The problems as they are now, the longest-standing first; empty when everything runs. */
    List<PlatformProblem> problems();
}
