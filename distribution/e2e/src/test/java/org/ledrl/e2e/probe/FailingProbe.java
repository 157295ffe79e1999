package org.ledrl.e2e.probe;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** The activator of a plugin version that cannot start: a test fixture, never shipped. */
public final class FailingProbe implements BundleActivator {

    public static final String MESSAGE = "e2e probe refuses to start: its setting 'endpoint' is missing";

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException(MESSAGE);
    }

    @Override
    public void stop(BundleContext context) {
        // never started
    }
}
