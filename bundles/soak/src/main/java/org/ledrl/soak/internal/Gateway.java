package org.ledrl.soak.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.MemoryMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The gateway a soak run drives: this installation started as a separate process from a home folder of its own
 * ({@code bin/ledrl} copied, {@code lib/} and {@code bundle/} linked, {@code conf/} copied and then configured for
 * the run), so that it shares nothing with a platform already running here. Its heap is read over local JMX after a
 * full collection, its RSS from {@code /proc}.
 */
final class Gateway implements AutoCloseable {

    private static final String READY = "ready in";

    private final Path home;
    private final Process process;
    private final int jmxPort;
    private JMXConnector jmx;

    private Gateway(Path home, Process process, int jmxPort) {
        this.home = home;
        this.process = process;
        this.jmxPort = jmxPort;
    }


    /**
     * Lays out the gateway's home under {@code dir}, with {@code configuration} written into its {@code conf/}
     * (file name to content), and the shipped mappo model copied beside it for the model swaps.
     */
    static Path layOut(Path installation, Path dir, Map<String, String> configuration) throws IOException {
        Path home = dir.resolve("gateway");
        deleteTree(home);
        Files.createDirectories(home.resolve("bin"));
        Files.copy(installation.resolve("bin/ledrl"), home.resolve("bin/ledrl"));
        Files.setPosixFilePermissions(home.resolve("bin/ledrl"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(home.resolve("lib"), installation.resolve("lib").toAbsolutePath());
        Files.createSymbolicLink(home.resolve("bundle"), installation.resolve("bundle").toAbsolutePath());
        copyTree(installation.resolve("conf"), home.resolve("conf"));
        Files.createDirectories(home.resolve("deploy"));
        for (Map.Entry<String, String> file : configuration.entrySet()) {
            Path target = home.resolve("conf").resolve(file.getKey());
            Files.writeString(target, file.getValue());
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        }
        return home;
    }

    /** Copies the shipped mappo model and card out of its bundle into {@code folder}. */
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

    /** Starts {@code bin/ledrl --profile P} in {@code home} and waits for its ready line. */
    static Gateway start(Path home, String profile, String javaOptions, Duration readyDeadline)
            throws IOException, InterruptedException {
        int jmxPort = Broker.freePort();
        String jmxOptions = "-Dcom.sun.management.jmxremote.port=" + jmxPort
                + " -Dcom.sun.management.jmxremote.rmi.port=" + jmxPort
                + " -Dcom.sun.management.jmxremote.host=127.0.0.1 -Djava.rmi.server.hostname=127.0.0.1"
                + " -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false";
        Path log = home.resolve("gateway.log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/ledrl").toString(), "--profile", profile)
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("LEDRL_JAVA_OPTS", (jmxOptions + " " + javaOptions).trim());
        builder.environment().remove("LEDRL_PROFILE");
        Gateway gateway = new Gateway(home, builder.start(), jmxPort);
        long deadline = System.nanoTime() + readyDeadline.toNanos();
        while (!Files.readString(log).contains(READY)) {
            if (!gateway.process.isAlive() || System.nanoTime() > deadline) {
                gateway.close();
                throw new IOException("the gateway did not start within " + readyDeadline.toSeconds() + " s; see "
                        + log);
            }
            Thread.sleep(100);
        }
        return gateway;
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return home.resolve("gateway.log");
    }

    /** The gateway's used heap in bytes right after a full collection. */
    long heapAfterGc() throws IOException {
        if (jmx == null) {
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
            jmx = JMXConnectorFactory.connect(url);
        }
        MBeanServerConnection connection = jmx.getMBeanServerConnection();
        MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(connection,
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

    /** Replaces a file of the gateway's {@code conf/} the way an operator's editor should: atomically. */
    static void writeAtomically(Path file, byte[] content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.write(partial, content);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
        process.destroy(); // SIGTERM: the platform stops cleanly
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file)), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            walk.forEach(paths::add);
        }
        for (int i = paths.size() - 1; i >= 0; i--) {
            Files.delete(paths.get(i)); // links are deleted, never followed
        }
    }
}
