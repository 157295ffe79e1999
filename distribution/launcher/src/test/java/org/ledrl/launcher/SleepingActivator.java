package org.ledrl.launcher;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Copied into the test bundles of {@link ParallelStartTest}: a slow start that notes its thread. */
public final class SleepingActivator implements BundleActivator {

    static final String PREFIX = "parallel.start.test.";

    @Override
    public void start(BundleContext context) throws Exception {
        Thread.sleep(300);
        System.setProperty(PREFIX + context.getBundle().getSymbolicName(), Thread.currentThread().getName());
    }

    @Override
    public void stop(BundleContext context) {
    }
}
