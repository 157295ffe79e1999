package org.ledrl.launcher;

import java.util.List;
import java.util.concurrent.Callable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Asks the platform which components failed, for the start line. The shell bundle registers a
 * {@code Callable<List<String>>} with {@value #PROPERTY}=true that answers once the components have
 * settled (a second without change, at most ten); without it (a profile without the shell) there is
 * nothing to report.
 */
final class StartProblems {

    static final String PROPERTY = "ledrl.problems";

    private StartProblems() {
    }

    static List<String> settled(BundleContext context) {
        try {
            ServiceReference<?>[] references = context.getServiceReferences(Callable.class.getName(),
                    "(" + PROPERTY + "=true)");
            if (references == null || references.length == 0) {
                return List.of();
            }
            Object service = context.getService(references[0]);
            try {
                if (service instanceof Callable<?> callable && callable.call() instanceof List<?> problems) {
                    return problems.stream().map(String::valueOf).toList();
                }
                return List.of();
            } finally {
                context.ungetService(references[0]);
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // a constant filter
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception e) {
            return List.of(); // the watch went away while starting: the log has the details
        }
    }
}
