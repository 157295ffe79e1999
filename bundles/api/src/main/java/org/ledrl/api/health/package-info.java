/**
 * What a long-running platform must be able to show about its memory: every collection on the live
 * path that grows with tasks, outcomes, messages or nodes is bounded, and its owner reports its size,
 * its bound and how much it dropped ({@link org.ledrl.api.health.BoundedBuffers}). The {@code status}
 * command and the REST health show them. What does not work at all (a component that failed to
 * start) is a {@link org.ledrl.api.health.PlatformProblem}, listed by the
 * {@link org.ledrl.api.health.PlatformProblems} service.
 */
@Export
@Version("1.1.0")
package org.ledrl.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
