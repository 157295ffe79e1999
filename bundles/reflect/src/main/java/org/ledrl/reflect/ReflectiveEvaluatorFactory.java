package org.ledrl.reflect;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Makes private reflective memories, one per simulation run, so that two runs in one JVM share nothing. The
 * reflect bundle registers it as a service; an experiment takes it as a reference.
 */
@ProviderType
@FunctionalInterface
public interface ReflectiveEvaluatorFactory {

    /** A fresh, empty memory under {@code settings} that keeps the rules' text (no rewriter). */
    ReflectiveEvaluator create(MemorySettings settings);
}
