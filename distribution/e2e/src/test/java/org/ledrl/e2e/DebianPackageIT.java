package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian packages on this machine, as an operator installs them: apt-get install, the service
 * started the way systemd starts it (its ExecStart as the ledrl user, environment from
 * /etc/default/ledrl, NOTIFY_SOCKET for Type=notify; systemd itself does not run here), an upgrade
 * that keeps an edit in /etc/ledrl, remove that keeps configuration and state, and purge that
 * leaves nothing. Changes the machine, so it runs only as root, and purges what it installed.
 */
class DebianPackageIT {

    static final String PACKAGES_PROPERTY = "ledrl.packages";
    private static final Duration READY_DEADLINE = Duration.ofSeconds(90);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(45);
    private static final Pattern READY =
            Pattern.compile("LeDRL Edge ready in (\\d+\\.\\d+) s \\(profile (\\w+), (\\d+) bundles\\)");
    private static final Path UNIT = Path.of("/lib/systemd/system/ledrl.service");
    private static final Path CONFIG = Path.of("/etc/ledrl/config.properties");
    private static final Path SECRET = Path.of("/etc/ledrl/org.ledrl.console.security.cfg");
    private static final String UPGRADE_PROBE = "org.ledrl.e2e.upgrade";
    /** What purge must leave behind: nothing of these. */
    private static final List<Path> OWNED = List.of(Path.of("/usr/share/ledrl"), Path.of("/etc/ledrl"),
            Path.of("/var/lib/ledrl"), Path.of("/etc/default/ledrl"), Path.of("/usr/bin/ledrl"), UNIT);

    @TempDir
    Path folder;

    @BeforeEach
    void onlyAsRootWithDpkg() throws IOException {
        assumeTrue(Host.isRoot(), "Debian package tests skipped: they install packages and need root "
                + "(CI runs them as root)");
        assumeTrue(Host.has("dpkg") && Host.has("apt-get") && Host.has("setpriv"),
                "Debian package tests skipped: this machine has no dpkg, apt-get or setpriv");
        assumeTrue(Host.has("python3"), "Debian package tests skipped: python3 (the test's NOTIFY_SOCKET "
                + "listener) is missing");
        purgeAll();
    }

    @AfterEach
    void purge() throws IOException {
        if (Host.isRoot() && Host.has("dpkg")) {
            purgeAll();
        }
    }

    @Test
    void installsRunsAsAServiceUpgradesKeepingEditsAndPurgesClean() throws Exception {
        Path packageA = built("ledrl-edge_");
        Host.ok("apt-get", "install", "-y", "-q", "--no-install-recommends", packageA.toString());

        // layout: code, configuration as conffiles, state owned by the service's user, ledrl on the PATH
        assertTrue(Files.isExecutable(Path.of("/usr/bin/ledrl")), "ledrl is not on the PATH");
        assertEquals(Path.of("/usr/share/ledrl/bin/ledrl"), Path.of("/usr/bin/ledrl").toRealPath());
        String conffiles = Host.ok("dpkg-query", "-W", "-f=${Conffiles}", "ledrl-edge");
        assertTrue(conffiles.contains(CONFIG.toString()) && conffiles.contains("/etc/default/ledrl"), conffiles);
        assertEquals("ledrl", Files.getOwner(Path.of("/var/lib/ledrl/data")).getName());
        assertFalse(Files.exists(SECRET), "the edge package carries no Web Console password file");
        assertEquals(Files.exists(Path.of("/usr/bin/tegrastats")),
                Files.exists(Path.of("/etc/ledrl/org.ledrl.telemetry.tegrastats.cfg")), "tegrastats telemetry on a "
                        + "machine without tegrastats, or off on one with it");

        SystemdUnit unit = SystemdUnit.read(UNIT);
        assertEquals("notify", unit.get("Type"));
        assertEquals("on-failure", unit.get("Restart"));
        assertEquals("true", unit.get("NoNewPrivileges"));
        assertEquals("strict", unit.get("ProtectSystem"));
        assertEquals("/var/lib/ledrl", unit.get("ReadWritePaths"));
        assertEquals("true", unit.get("PrivateTmp"));
        assertEquals("journal", unit.get("StandardOutput"));
        verifyUnit();

        // the operator edits a configuration file: the edge profile answers REST requests too (on a free port)
        String edge = "core, policies, simulator, priors, telemetry, ml, live";
        String edited = edge + ", rest";
        Files.writeString(CONFIG, Files.readString(CONFIG).replace("ledrl.profile.edge = " + edge,
                "ledrl.profile.edge = " + edited));
        assertTrue(Files.readString(CONFIG).contains(edited), "the edge profile line changed in the build");
        Files.writeString(Path.of("/etc/ledrl/org.ledrl.rest.cfg"), "port = " + FreePort.find() + "\n");
        int full = startService(unit, null);
        assertEquals(bundlesOf(edited), full, "the service did not start the profile of /etc/ledrl/config.properties");
        assertEquals("ledrl", Files.getOwner(Path.of("/var/lib/ledrl/data/cache")).getName(),
                "the bundle cache is not the service user's: the service did not run as ledrl");

        // version B: the same package with a new version and one more bundle in its code
        Path packageB = versionB(packageA);
        Host.ok("apt-get", "install", "-y", "-q", "--no-install-recommends", packageB.toString());
        assertTrue(Host.ok("dpkg-query", "-W", "-f=${Version}", "ledrl-edge").endsWith("+b"), "B is not installed");
        assertTrue(Files.readString(CONFIG).contains("ledrl.profile.edge = " + edited), "the upgrade lost the edit");
        int upgraded = startService(SystemdUnit.read(UNIT), UPGRADE_PROBE);
        assertEquals(full + 1, upgraded, "B's extra bundle is not among the started bundles");

        // remove keeps configuration and state; purge removes everything
        Host.ok("apt-get", "remove", "-y", "-q", "ledrl-edge");
        assertFalse(Files.exists(Path.of("/usr/share/ledrl/lib")), "remove left the code");
        assertTrue(Files.readString(CONFIG).contains(edited), "remove lost the configuration");
        assertTrue(Files.isDirectory(Path.of("/var/lib/ledrl/data/cache")), "remove lost the state");
        Host.ok("apt-get", "purge", "-y", "-q", "ledrl-edge");
        assertNothingLeft();
    }

    @Test
    void serverPackageKeepsItsSecretForTheServiceUserOnlyAndTurnsTegrastatsOnWhereItExists() throws Exception {
        Path tegrastats = Path.of("/usr/bin/tegrastats");
        boolean fake = !Files.exists(tegrastats);
        try {
            if (fake) {
                Files.writeString(tegrastats, "#!/bin/sh\nexit 0\n");
                Files.setPosixFilePermissions(tegrastats, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Host.ok("apt-get", "install", "-y", "-q", "--no-install-recommends", built("ledrl-server_").toString());
        } finally {
            if (fake) {
                Files.deleteIfExists(tegrastats);
            }
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(SECRET)));
        assertEquals("ledrl", Files.getOwner(SECRET).getName());
        assertTrue(Files.readString(Path.of("/etc/default/ledrl")).contains("LEDRL_PROFILE=server"));
        assertTrue(Files.readString(Path.of("/etc/ledrl/org.ledrl.telemetry.tegrastats.cfg"))
                .contains("command = /usr/bin/tegrastats"), "no tegrastats telemetry on a machine with tegrastats");
        Host.ok("apt-get", "purge", "-y", "-q", "ledrl-server");
        assertNothingLeft();
    }

    /** Starts the unit's ExecStart as systemd would, waits for ready and READY=1, stops it; returns the bundle count. */
    private static int startService(SystemdUnit unit, String probe) throws Exception {
        try (NotifySocket notify = NotifySocket.open();
             LedrlProcess service = Host.start(Map.of(),
                     unit.execStartAsService(Map.of("NOTIFY_SOCKET", notify.path().toString())))) {
            Matcher ready = READY.matcher(service.awaitLine(l -> READY.matcher(l).find(), "ready line", READY_DEADLINE));
            assertTrue(ready.find());
            assertEquals("edge", ready.group(2));
            notify.await("READY=1", Duration.ofSeconds(20));
            if (probe != null) {
                service.awaitLine(("e2e probe started: " + probe)::equals, "B's bundle", Duration.ofSeconds(10));
            }
            service.terminate();
            LedrlProcess.Result stopped = service.awaitExit(STOP_DEADLINE);
            assertTrue(stopped.exitStatus() == 0 || stopped.exitStatus() == 143, stopped::describe);
            return Integer.parseInt(ready.group(3));
        }
    }

    /** How many bundles the installed package's features of a profile list. */
    private static int bundlesOf(String features) throws IOException {
        Path lists = Path.of("/usr/share/ledrl/bundle/features");
        Set<String> jars = new HashSet<>();
        for (String feature : features.split(",")) {
            for (String line : Files.readAllLines(lists.resolve(feature.trim() + ".list"))) {
                if (!line.isBlank() && !line.trim().startsWith("#")) {
                    jars.add(line.trim());
                }
            }
        }
        return jars.size();
    }

    /** systemd-analyze verify, where it is installed, accepts the unit. */
    private static void verifyUnit() throws IOException {
        if (!Host.has("systemd-analyze")) {
            System.out.println("systemd-analyze is not installed: the unit is not verified");
            return;
        }
        LedrlProcess.Result verified = Host.run("systemd-analyze", "verify", UNIT.toString());
        assertEquals(0, verified.exitStatus(), verified::describe);
        assertFalse(verified.all().contains("ledrl.service:"), verified::describe);
    }

    /** Package A unpacked, given version A+b and the probe bundle in its core feature, packed again. */
    private Path versionB(Path packageA) throws IOException {
        Path root = folder.resolve("b-root");
        Host.ok("dpkg-deb", "-R", packageA.toString(), root.toString());
        Path control = root.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control).replaceFirst("(?m)^(Version: .*)$", "$1+b"));
        Path bundles = root.resolve("usr/share/ledrl/bundle");
        Files.write(bundles.resolve(UPGRADE_PROBE + ".jar"), ProbeBundle.jar(UPGRADE_PROBE));
        Path core = bundles.resolve("features/core.list");
        Files.writeString(core, Files.readString(core) + UPGRADE_PROBE + ".jar\n");
        Path packageB = folder.resolve("ledrl-edge_b_all.deb");
        Host.ok("dpkg-deb", "--root-owner-group", "-b", root.toString(), packageB.toString());
        return packageB;
    }

    private static void assertNothingLeft() throws IOException {
        for (Path path : OWNED) {
            assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS), () -> "purge left " + path);
        }
        assertFalse(Host.run("getent", "passwd", "ledrl").exitStatus() == 0, "purge left the ledrl user");
        assertFalse(Host.ok("dpkg-statoverride", "--list").contains("ledrl"), "purge left a stat override");
    }

    private static void purgeAll() throws IOException {
        Host.run("dpkg", "--purge", "ledrl-edge");
        Host.run("dpkg", "--purge", "ledrl-server");
    }

    private static Path built(String prefix) throws IOException {
        String location = System.getProperty(PACKAGES_PROPERTY, "");
        assertFalse(location.isBlank(), PACKAGES_PROPERTY + " is not set: run this test with failsafe");
        try (Stream<Path> files = Files.list(Path.of(location))) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                            && f.getFileName().toString().endsWith("_all.deb"))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + "*_all.deb in " + location
                            + ": build the distribution module first"));
        }
    }
}
