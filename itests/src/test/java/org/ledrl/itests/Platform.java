package org.ledrl.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ops4j.pax.exam.Option;

/**
 * The platform the integration tests run on: Felix with SCR, Config Admin, Metatype, Gogo's runtime,
 * SLF4J, and the API, runtime, shell and local policy bundles. Bundle files come from system
 * properties that the build sets (see the failsafe configuration in this module's pom), so the
 * tests run on the jars the reactor just built.
 */
final class Platform {

    static final String RUNTIME = "org.ledrl.runtime";
    static final String LOCAL_POLICY = "org.ledrl.policy.local";
    static final String RANDOM_POLICY = "org.ledrl.policy.random";

    /** The random policy's component name, which is also its configuration PID. */
    static final String RANDOM_POLICY_PID = "org.ledrl.policy.random.internal.RandomPolicy";

    /**
     * Start levels: logging first, so no bundle falls back to SLF4J's no-op logger; pax-exam starts its
     * probe at 5, the framework's start level.
     */
    private static final int LOGGING_LEVEL = 2;
    private static final int PLATFORM_LEVEL = 3;
    private static final int PROBE_LEVEL = 5;

    private Platform() {
    }

    /** The platform, plus {@code extra} options of a test. */
    static Option platform(Option... extra) {
        List<Option> options = new ArrayList<>();
        options.add(cleanCaches(true));
        // The test driver's class path (with its own SLF4J) shares this JVM; by default Felix lets JDK code
        // such as ServiceLoader reach it, and SLF4J inside would find the driver's provider
        options.add(frameworkProperty("felix.bootdelegation.implicit").value("false"));
        // like the launcher: the framework itself brings every bundle up before it reports STARTED
        options.add(frameworkProperty("org.osgi.framework.startlevel.beginning").value(String.valueOf(PROBE_LEVEL)));
        options.add(systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("info"));
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
        options.add(junitBundles());
        for (String file : files("ledrl.itest.logging")) {
            options.add(bundle(file).startLevel(LOGGING_LEVEL));
        }
        for (String file : files("ledrl.itest.bundles")) {
            options.add(bundle(file).startLevel(PLATFORM_LEVEL));
        }
        options.addAll(Arrays.asList(extra));
        return composite(options.toArray(Option[]::new));
    }

    /** A bundle the build passed alone, for a test to install itself or to add to the platform. */
    static String bundleUrl(String name) {
        List<String> files = files("ledrl.itest.bundle." + name);
        if (files.size() != 1) {
            throw new IllegalStateException("system property ledrl.itest.bundle." + name + " must name one jar");
        }
        return files.get(0);
    }

    /** The file: URLs of a comma-separated list of jar paths in system property {@code property}. */
    private static List<String> files(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run the tests with "
                    + "'mvn verify', which passes the bundle files");
        }
        List<String> urls = new ArrayList<>();
        for (String path : value.split(",")) {
            String trimmed = path.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            File file = new File(trimmed);
            if (!file.isFile()) {
                throw new IllegalStateException("system property " + property + ": no bundle at '" + trimmed
                        + "' (is the module built?)");
            }
            urls.add(file.toURI().toString());
        }
        return urls;
    }
}
