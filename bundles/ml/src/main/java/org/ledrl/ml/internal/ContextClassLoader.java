package org.ledrl.ml.internal;

import java.util.concurrent.Callable;

/**
 * Runs code with this bundle's class loader as the thread context class loader. DJL finds its engines and PyTorch's
 * natives (in a fragment of this bundle) through the context class loader, which in a container is otherwise the
 * caller's.
 */
final class ContextClassLoader {

    private ContextClassLoader() {
    }

    static <T> T call(Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ContextClassLoader.class.getClassLoader());
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
