package org.ledrl.e2e.probe;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The activator of the small bundle the end-to-end tests drop into {@code deploy/}: it prints a
 * line to the platform's standard output when it starts and when it stops, which is how a test
 * outside the JVM sees the hot deployment, the uninstallation and the clean stop. A test fixture,
 * never shipped (plugins use Declarative Services, not activators).
 */
public final class DeployProbe implements BundleActivator {

    /** Printed with the bundle's symbolic name when the platform starts the probe. */
    public static final String STARTED = "e2e probe started: ";
    /** Printed with the bundle's symbolic name when the platform stops the probe. */
    public static final String STOPPED = "e2e probe stopped: ";

    @Override
    public void start(BundleContext context) {
        System.out.println(STARTED + context.getBundle().getSymbolicName());
        System.out.flush();
    }

    @Override
    public void stop(BundleContext context) {
        System.out.println(STOPPED + context.getBundle().getSymbolicName());
        System.out.flush();
    }
}
