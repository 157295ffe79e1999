package org.ledrl.testkit.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.ledrl.api.model.Decision;
import org.ledrl.api.model.Observation;
import org.ledrl.api.runtime.DecisionService;
import org.ledrl.api.runtime.PolicyRegistry;
import org.ledrl.launcher.EmbeddedPlatform;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * The real platform of an installation (the unpacked {@code ledrl-edge.tar.gz}), started in the test's JVM with
 * the integrator's bundles installed beside the shipped ones, the way {@code bin/ledrl} starts it (same profile,
 * features and start levels). One difference: the API packages come from the test's class path (the system bundle
 * exports them, and the installation's API bundle is left out), so that the test and the platform share the API's
 * classes and the test can hand the decision service its own observations.
 *
 * <pre>{@code
 * try (LedrlPlatform platform = LedrlPlatform.start(Path.of("target/my-policy.jar"))) {
 *     platform.use("my-policy");
 *     Decision d = platform.decide(observation);
 * }
 * }</pre>
 */
public final class LedrlPlatform implements AutoCloseable {

    /** The system property naming the installation when none is given. */
    public static final String HOME_PROPERTY = "ledrl.home";

    /** The longest wait for a service or a command. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final Framework framework;
    private final Path home;
    private final Path storage;

    private LedrlPlatform(Framework framework, Path home, Path storage) {
        this.framework = framework;
        this.home = home;
        this.storage = storage;
    }

    /** Starts the installation named by the system property {@value #HOME_PROPERTY} with {@code bundles}. */
    public static LedrlPlatform start(Path... bundles) {
        String home = System.getProperty(HOME_PROPERTY, "");
        if (home.isBlank()) {
            throw new IllegalStateException("no installation to start: set the system property " + HOME_PROPERTY
                    + " to an unpacked ledrl-edge.tar.gz (the folder with bin/, bundle/ and conf/)");
        }
        return start(Path.of(home), "edge", List.of(bundles));
    }

    /** Starts the installation at {@code home} in {@code profile} with {@code bundles} installed and started. */
    public static LedrlPlatform start(Path home, String profile, List<Path> bundles) {
        for (Path bundle : bundles) {
            if (!Files.isRegularFile(bundle)) {
                throw new IllegalStateException("no bundle at " + bundle.toAbsolutePath()
                        + ": build it first (mvn package)");
            }
        }
        Path storage;
        try {
            storage = Files.createTempDirectory("ledrl-platform-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a bundle cache: " + e.getMessage(), e);
        }
        Map<String, String> properties = Map.of(
                Constants.FRAMEWORK_STORAGE, storage.resolve("cache").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                "felix.cm.dir", storage.resolve("config").toString(),
                "felix.fileinstall.dir", home.resolve("conf").toString(),
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, apiPackages());
        Framework framework = EmbeddedPlatform.start(home, profile, properties,
                name -> name.startsWith("org.ledrl.api-"), bundles);
        return new LedrlPlatform(framework, home, storage);
    }

    /** The decision service, once the platform has registered it. */
    public DecisionService decisionService() {
        return service(DecisionService.class);
    }

    /** Decides through the decision service, with whichever policy it uses now. */
    public Decision decide(Observation observation) {
        return decisionService().decide(observation);
    }

    /** The names of the installed policies, once {@code policy} is among them (waits for it). */
    public List<String> awaitPolicy(String policy) {
        PolicyRegistry registry = service(PolicyRegistry.class);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!registry.names().contains(policy)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("policy '" + policy + "' was not registered within "
                        + WAIT.toSeconds() + " s; installed: " + registry.names());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return registry.names();
    }

    /** {@code ledrl use <policy>}: the decision service decides with {@code policy} from now on. */
    public void use(String policy) {
        awaitPolicy(policy);
        CommandResult result = run("use", policy);
        if (result.status() != 0) {
            throw new IllegalStateException("ledrl use " + policy + " failed: " + result.err() + result.out());
        }
    }

    /** Runs a platform command ({@code policies}, {@code status}, ...) as {@code bin/ledrl <command>} would. */
    public CommandResult run(String command, String... args) {
        CliCommand cli = await(() -> services(CliCommand.class).stream().filter(c -> c.name().equals(command))
                .findFirst(), "the command '" + command + "'");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int status = cli.run(List.of(args), new CommandContext(o, e, false, home));
            return new CommandResult(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("ledrl " + command + " failed: " + e.getMessage(), e);
        }
    }

    /** What a command printed and its exit status. */
    public record CommandResult(int status, String out, String err) {
    }

    /** A service of the platform, waiting up to {@link #WAIT} for it. */
    public <T> T service(Class<T> type) {
        return await(() -> services(type).stream().findFirst(), "a " + type.getSimpleName() + " service");
    }

    /** Every service of {@code type} registered now. */
    public <T> List<T> services(Class<T> type) {
        BundleContext context = framework.getBundleContext();
        try {
            Collection<ServiceReference<T>> refs = context.getServiceReferences(type, null);
            List<T> services = new ArrayList<>();
            for (ServiceReference<T> ref : refs) {
                T service = context.getService(ref);
                if (service != null) {
                    services.add(service);
                }
            }
            return services;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(java.util.function.Supplier<Optional<T>> lookup, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Optional<T> found = lookup.get();
        while (found.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not appear within " + WAIT.toSeconds() + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            found = lookup.get();
        }
        return found.get();
    }

    /** Stops the platform and deletes its private cache. */
    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(WAIT.toMillis());
        } catch (BundleException e) {
            throw new IllegalStateException("cannot stop the platform: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try (Stream<Path> files = Files.walk(storage)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder: the system cleans it eventually
            }
        }
    }

    /** The API bundle's Export-Package header, read from the API on the test's class path. */
    private static String apiPackages() {
        try {
            Path api = Path.of(DecisionService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Manifest manifest;
            if (Files.isDirectory(api)) {
                try (InputStream in = Files.newInputStream(api.resolve("META-INF/MANIFEST.MF"))) {
                    manifest = new Manifest(in);
                }
            } else {
                try (JarFile jar = new JarFile(api.toFile())) {
                    manifest = jar.getManifest();
                }
            }
            String exports = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
            if (exports == null) {
                throw new IllegalStateException("the API on the class path (" + api + ") is not a bundle");
            }
            return exports;
        } catch (IOException | URISyntaxException | SecurityException e) {
            throw new IllegalStateException("cannot read the API's packages: " + e.getMessage(), e);
        }
    }
}
