package org.ledrl.ml.internal;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts DJL's PyTorch engine, offline, with the configured cache folder and thread count. The engine and its
 * natives are JVM-wide (DJL keeps them in static fields and a native library loads once per JVM): every runtime
 * instance shares them, and only the first start's settings take effect.
 */
final class PyTorch {

    static final String ENGINE = "PyTorch";
    /** Present in the PyTorch natives jar and fragment: tells whether training is possible without loading them. */
    static final String NATIVES_MARKER = "native/lib/pytorch.properties";

    private static final Logger LOG = LoggerFactory.getLogger(PyTorch.class);

    private final Path cacheDir;
    private final int threads;

    PyTorch(Path cacheDir, int threads) {
        this.cacheDir = cacheDir;
        this.threads = threads;
    }

    /** The folder DJL unpacks into: the DJL_CACHE_DIR environment variable or system property wins over ours. */
    Path cacheDir() {
        String override = System.getenv("DJL_CACHE_DIR") != null ? System.getenv("DJL_CACHE_DIR")
                : System.getProperty("DJL_CACHE_DIR");
        return override != null ? Path.of(override) : cacheDir;
    }

    boolean nativesPresent() {
        return PyTorch.class.getClassLoader().getResource(NATIVES_MARKER) != null
                || System.getProperty("PYTORCH_LIBRARY_PATH") != null || System.getenv("PYTORCH_LIBRARY_PATH") != null;
    }

    /** A new root manager on the CPU; starts the engine on first use. */
    NDManager newManager() {
        if (!nativesPresent()) {
            throw new IllegalStateException("training needs PyTorch, which this installation does not carry (the "
                    + "edge profile ships ONNX Runtime only): install the org.ledrl.ml.natives.pytorch fragment "
                    + "for this CPU or train on a server");
        }
        try {
            return ContextClassLoader.call(() -> {
                configure();
                Engine engine = Engine.getEngine(ENGINE);
                return engine.newBaseManager(Device.cpu());
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the PyTorch engine: " + e.getMessage(), e);
        }
    }

    private void configure() {
        // DJL reads these when the engine starts: never download, unpack natives into our cache, few threads
        System.setProperty("ai.djl.offline", "true");
        setIfAbsent("DJL_CACHE_DIR", cacheDir.toAbsolutePath().toString());
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        if (!Engine.hasEngine(ENGINE)) {
            LOG.info("PyTorch engine not registered; the pytorch-engine classes are missing");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
