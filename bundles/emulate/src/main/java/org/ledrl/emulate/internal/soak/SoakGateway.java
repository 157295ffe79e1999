package org.ledrl.emulate.internal.soak;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.ledrl.emulate.internal.host.Broker;
import org.ledrl.emulate.internal.host.GatewayProcess;
import org.ledrl.emulate.internal.host.InstallationCopy;

/**
 * The gateway a soak drives: this installation as a process of its own ({@link InstallationCopy},
 * {@link GatewayProcess}) with the profile's own JVM settings, so that what is measured is what a gateway runs.
 * Its heap is read over local JMX after a full collection, its RSS from {@code /proc}.
 */
final class SoakGateway implements AutoCloseable {

    private final GatewayProcess process;
    private final int jmxPort;
    private JMXConnector jmx;

    private SoakGateway(GatewayProcess process, int jmxPort) {
        this.process = process;
        this.jmxPort = jmxPort;
    }

    /** Lays out the gateway's home under {@code dir} with {@code configuration} (file name to content) in conf/. */
    static Path layOut(Path installation, Path dir, Map<String, String> configuration) throws IOException {
        Path home = dir.resolve("gateway");
        deleteTree(home); // a previous run's data/ (saved configurations, caches) must not leak into this one
        InstallationCopy.create(home, installation, List.of());
        copyMissing(installation.resolve("conf"), home.resolve("conf")); // what an operator's gateway has: templates...
        for (Map.Entry<String, String> file : configuration.entrySet()) {
            Path target = home.resolve("conf").resolve(file.getKey());
            InstallationCopy.writeAtomically(target, file.getValue().getBytes());
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------")); // it holds the token
        }
        return home;
    }

    /** Copies the shipped mappo model and card out of its bundle into {@code folder}, for the model swaps. */
    static void extractShippedModel(Path installation, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path jar;
        try (var jars = Files.list(installation.resolve("bundle"))) {
            jar = jars.filter(p -> p.getFileName().toString().startsWith("org.ledrl.policy.mappo-")).findFirst()
                    .orElseThrow(() -> new IOException("no org.ledrl.policy.mappo bundle in " + installation
                            .resolve("bundle")));
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            copyEntry(file, "models/mappo-paper.onnx", folder.resolve("model.onnx"));
            copyEntry(file, "models/mappo-paper-card.json", folder.resolve("model-card.json"));
        }
    }

    private static void copyEntry(JarFile jar, String name, Path target) throws IOException {
        ZipEntry entry = jar.getEntry(name);
        if (entry == null) {
            throw new IOException(name + " is missing from " + jar.getName());
        }
        try (InputStream in = jar.getInputStream(entry)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Starts {@code bin/ledrl --profile P} in {@code home}, with local JMX, and waits for its ready line. */
    static SoakGateway start(Path home, String profile, String javaOptions, Duration readyDeadline)
            throws IOException, InterruptedException {
        int jmxPort = Broker.freePort();
        String jmxOptions = "-Dcom.sun.management.jmxremote.port=" + jmxPort
                + " -Dcom.sun.management.jmxremote.rmi.port=" + jmxPort
                + " -Dcom.sun.management.jmxremote.host=127.0.0.1 -Djava.rmi.server.hostname=127.0.0.1"
                + " -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false";
        GatewayProcess process = new GatewayProcess(0, home);
        process.start(List.of("--profile", profile), (jmxOptions + " " + javaOptions).trim());
        SoakGateway gateway = new SoakGateway(process, jmxPort);
        long deadline = System.nanoTime() + readyDeadline.toNanos();
        while (!Files.readString(process.log()).contains("ready in")) {
            if (!process.alive() || System.nanoTime() > deadline) {
                gateway.close();
                throw new IOException("the gateway did not start within " + readyDeadline.toSeconds() + " s; see "
                        + process.log());
            }
            Thread.sleep(100);
        }
        return gateway;
    }

    boolean alive() {
        return process.alive();
    }

    /** The gateway's used heap in bytes right after a full collection. */
    long heapAfterGc() throws IOException {
        if (jmx == null) {
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
            jmx = JMXConnectorFactory.connect(url);
        }
        MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(jmx.getMBeanServerConnection(),
                ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Resident set size in bytes, from /proc (Linux); -1 elsewhere. */
    long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process has gone
        }
        return -1;
    }

    /** For a shutdown hook: no waiting. */
    void killNow() {
        process.killNow();
    }

    @Override
    public void close() {
        if (jmx != null) {
            try {
                jmx.close();
            } catch (IOException e) {
                // the gateway is stopping anyway
            }
        }
        try {
            process.stop(30); // SIGTERM: the platform stops cleanly
        } catch (IOException e) {
            process.killNow();
        } catch (InterruptedException e) {
            process.killNow();
            Thread.currentThread().interrupt();
        }
    }

    private static void copyMissing(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> paths;
        try (var walk = Files.walk(dir)) {
            paths = walk.toList();
        }
        for (int i = paths.size() - 1; i >= 0; i--) {
            Files.delete(paths.get(i)); // links are deleted, never followed
        }
    }
}
