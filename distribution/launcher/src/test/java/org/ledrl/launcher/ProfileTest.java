package org.ledrl.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileTest {

    private static final Map<String, String> CONFIG = Map.of(
            "ledrl.profile", "server",
            "ledrl.profile.edge", "core, policies",
            "ledrl.profile.server", "core,console, policies");

    @Test
    void commandLineWinsOverEnvironmentAndConfiguration() throws LaunchException {
        Profile p = Profile.select(Optional.of("edge"), Map.of("LEDRL_PROFILE", "server"), CONFIG);
        assertEquals("edge", p.name());
        assertEquals(List.of("core", "policies"), p.features());
    }

    @Test
    void environmentWinsOverConfiguration() throws LaunchException {
        Map<String, String> config = Map.of("ledrl.profile", "edge", "ledrl.profile.edge", "core",
                "ledrl.profile.server", "core, console");
        assertEquals("server", Profile.select(Optional.empty(), Map.of("LEDRL_PROFILE", "server"), config).name());
    }

    @Test
    void configurationThenDefault() throws LaunchException {
        assertEquals("server", Profile.select(Optional.empty(), Map.of(), CONFIG).name());
        Map<String, String> noChoice = Map.of("ledrl.profile.edge", "core");
        assertEquals("edge", Profile.select(Optional.empty(), Map.of(), noChoice).name());
    }

    @Test
    void unknownProfileListsTheKnownOnes() {
        LaunchException e = assertThrows(LaunchException.class,
                () -> Profile.select(Optional.of("cloud"), Map.of(), CONFIG));
        assertTrue(e.getMessage().contains("'cloud'"), e.getMessage());
        assertTrue(e.getMessage().contains("edge, server"), e.getMessage());
        assertTrue(e.getMessage().contains("--profile"), e.getMessage());
    }

    @Test
    void bundlesOfAllFeaturesInOrderEachOnce(@TempDir Path bundleDir) throws Exception {
        Files.createDirectories(bundleDir.resolve("features"));
        for (String jar : List.of("a.jar", "b.jar", "c.jar")) {
            Files.writeString(bundleDir.resolve(jar), "");
        }
        Files.writeString(bundleDir.resolve("features/core.list"), "# core\na.jar\n\nb.jar\n");
        Files.writeString(bundleDir.resolve("features/policies.list"), "b.jar\nc.jar\n");
        List<Path> jars = new Profile("edge", List.of("core", "policies")).bundles(bundleDir);
        assertEquals(List.of(bundleDir.resolve("a.jar"), bundleDir.resolve("b.jar"), bundleDir.resolve("c.jar")),
                jars);
    }

    @Test
    void missingFeatureSaysThisInstallationDoesNotCarryIt(@TempDir Path bundleDir) throws Exception {
        Files.createDirectories(bundleDir.resolve("features"));
        Files.writeString(bundleDir.resolve("features/core.list"), "");
        LaunchException e = assertThrows(LaunchException.class,
                () -> new Profile("server", List.of("core", "console")).bundles(bundleDir));
        assertTrue(e.getMessage().contains("'console'"), e.getMessage());
        assertTrue(e.getMessage().contains("console.list"), e.getMessage());
    }

    @Test
    void listedJarThatIsMissingOrOutsideIsNamed(@TempDir Path bundleDir) throws Exception {
        Files.createDirectories(bundleDir.resolve("features"));
        Files.writeString(bundleDir.resolve("features/core.list"), "gone.jar\n");
        LaunchException e = assertThrows(LaunchException.class,
                () -> new Profile("edge", List.of("core")).bundles(bundleDir));
        assertTrue(e.getMessage().contains("gone.jar"), e.getMessage());

        Files.writeString(bundleDir.resolve("features/core.list"), "../escape.jar\n");
        Files.writeString(bundleDir.resolveSibling("escape.jar"), "");
        e = assertThrows(LaunchException.class, () -> new Profile("edge", List.of("core")).bundles(bundleDir));
        assertTrue(e.getMessage().contains("../escape.jar"), e.getMessage());
    }

    @Test
    void oneShotRunsLeaveOutTheListedFeatures() throws LaunchException {
        Map<String, String> config = Map.of("ledrl.profile.server", "core, console, policies, rest",
                "ledrl.oneshot.without", "console, rest");
        Profile server = Profile.select(Optional.of("server"), Map.of(), config);
        assertEquals(List.of("core", "console", "policies", "rest"), server.features());
        assertEquals(List.of("core", "policies"), server.forOneShot(config).features());
        assertEquals(server.features(), server.forOneShot(Map.of()).features(), "nothing listed, nothing left out");
    }
}
