package org.ledrl.rest.container;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * A real Felix for a container test, started in this JVM the way the distribution's launcher
 * starts it: logging bundles first, then the platform, with component configurations in a
 * {@code conf/} folder that File Install watches (tests change a setting by rewriting its file,
 * as an operator does). Bundle files come from the system properties {@code ledrl.it.logging} and
 * {@code ledrl.it.bundles} that the build sets. Tests talk to it over HTTP on 127.0.0.1 only.
 */
public final class FelixContainer implements AutoCloseable {

    private final Framework framework;
    private final Path conf;

    /**
     * @param work       a fresh folder for the bundle cache and {@code conf/}
     * @param properties extra framework properties (HTTP port and host, console settings)
     * @param configurations component configurations to be there from the start, by PID
     */
    public FelixContainer(Path work, Map<String, String> properties, Map<String, Map<String, String>> configurations)
            throws IOException, BundleException {
        this.conf = Files.createDirectories(work.resolve("conf"));
        for (Map.Entry<String, Map<String, String>> c : configurations.entrySet()) {
            configure(c.getKey(), c.getValue());
        }
        Map<String, String> settings = new HashMap<>();
        settings.put(Constants.FRAMEWORK_STORAGE, work.resolve("cache").toString());
        settings.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // the test's own class path (with its SLF4J) must stay invisible to the bundles
        settings.put("felix.bootdelegation.implicit", "false");
        settings.put("felix.fileinstall.dir", conf.toString());
        settings.put("felix.fileinstall.poll", "100");
        settings.put("felix.fileinstall.noInitialDelay", "true");
        settings.put("felix.fileinstall.log.level", "2");
        // as the distribution: File Install never writes configurations back to conf/ (see config.properties)
        settings.put("felix.fileinstall.enableConfigSave", "false");
        settings.put("org.apache.felix.http.host", "127.0.0.1");
        settings.put("ledrl.home", work.toString());
        settings.put("org.slf4j.simpleLogger.defaultLogLevel", "info");
        settings.putAll(properties);
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(settings);
        framework.init();
        List<Bundle> logging = install(files("ledrl.it.logging"));
        for (Bundle bundle : logging) {
            start(bundle);
        }
        List<Bundle> platform = install(files("ledrl.it.bundles"));
        framework.start();
        for (Bundle bundle : platform) {
            start(bundle);
        }
    }

    private List<Bundle> install(List<String> locations) throws BundleException {
        List<Bundle> bundles = new ArrayList<>();
        for (String location : locations) {
            bundles.add(framework.getBundleContext().installBundle(location));
        }
        return bundles;
    }

    private static void start(Bundle bundle) throws BundleException {
        if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
            bundle.start();
        }
    }

    /** Writes {@code conf/<pid>.cfg} at once (through a temporary file, so File Install never reads half of it). */
    public void configure(String pid, Map<String, String> values) throws IOException {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        Path temporary = conf.resolve(pid + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, conf.resolve(pid + ".cfg"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** The bundle with that symbolic name, for a test that looks at the platform's state. */
    public Bundle bundle(String symbolicName) {
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName + " in the container");
    }

    @Override
    public void close() throws BundleException, InterruptedException {
        framework.stop();
        framework.waitForStop(30_000);
    }

    /** A TCP port free on 127.0.0.1 now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} and its last state after {@code deadline}. */
    public static void await(String what, Duration deadline, BooleanSupplier condition, Supplier<?> state)
            throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + " did not happen within " + deadline.toSeconds() + " s; now: "
                        + state.get());
            }
            Thread.sleep(50); // polling interval, not a wait for a fixed time
        }
    }

    private static List<String> files(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run the test with "
                    + "'mvn verify', which passes the bundle files");
        }
        List<String> urls = new ArrayList<>();
        for (String path : value.split(",")) {
            String trimmed = path.strip();
            if (!trimmed.isEmpty()) {
                File file = new File(trimmed);
                if (!file.isFile()) {
                    throw new IllegalStateException(property + ": no bundle at '" + trimmed + "'");
                }
                urls.add(file.toURI().toString());
            }
        }
        return urls;
    }
}
