package org.ledrl.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;

/**
 * One installation's platform started inside the calling JVM, the way {@code bin/ledrl} starts it (the
 * profile's features from {@code conf/config.properties} and {@code bundle/features/}, with their start levels),
 * for tests that need the real platform: the test kit's container harness uses it. The caller chooses what
 * {@code bin/ledrl} would not let it: its own framework properties (a private bundle cache, packages the
 * system bundle exports), bundles left out, and bundles of its own installed after the installation's.
 */
public final class EmbeddedPlatform {

    private EmbeddedPlatform() {
    }

    /**
     * Starts the platform and returns the running framework; the caller stops it.
     *
     * @param home       the installation (the folder holding {@code bin/}, {@code bundle/} and {@code conf/})
     * @param profile    the profile to start, e.g. {@code edge}
     * @param properties framework properties that override the installation's
     * @param leaveOut   bundles of the installation not to install, by file name
     * @param extra      bundles installed and started after the installation's, at the default start level
     * @throws IllegalStateException naming what is wrong with the installation or which bundle failed
     */
    public static Framework start(Path home, String profile, Map<String, String> properties,
                                  Predicate<String> leaveOut, List<Path> extra) {
        Path root = home.toAbsolutePath().normalize();
        try {
            Map<String, String> config = ConfigFile.load(root.resolve("conf/config.properties"),
                    name -> Launcher.HOME.equals(name) ? root.toString() : System.getProperty(name));
            Profile selected = Profile.select(Optional.of(profile), Map.of(), config);
            List<Path> bundles = new ArrayList<>();
            for (Path jar : selected.bundles(root.resolve("bundle"))) {
                if (!leaveOut.test(jar.getFileName().toString())) {
                    bundles.add(jar);
                }
            }
            bundles.addAll(extra);
            Map<String, Object> frameworkProperties = new HashMap<>(config);
            frameworkProperties.put(Launcher.HOME, root.toString());
            frameworkProperties.put(Launcher.TERMINAL, "false");
            frameworkProperties.put(Profile.SELECTED_KEY, selected.name());
            frameworkProperties.put("gosh.args", "--nointeractive --noshutdown");
            frameworkProperties.putAll(properties);
            Framework framework = new FrameworkFactory().newFramework(frameworkProperties);
            framework.init();
            try {
                Launcher.install(framework.getBundleContext(), bundles, StartLevels.from(config));
                framework.start();
            } catch (LaunchException | BundleException | RuntimeException e) {
                framework.stop();
                throw e;
            }
            return framework;
        } catch (LaunchException | BundleException e) {
            throw new IllegalStateException("cannot start the platform of " + root + ": " + e.getMessage(), e);
        }
    }
}
