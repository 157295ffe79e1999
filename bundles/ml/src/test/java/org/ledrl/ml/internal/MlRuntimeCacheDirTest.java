package org.ledrl.ml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MlRuntimeCacheDirTest {

    @Test
    void aRelativeCacheLivesInTheInstallationNotInTheWorkingDirectory() {
        assertEquals(Path.of("/opt/ledrl/data/djl"), MlRuntimeComponent.cacheDir("data/djl", "/opt/ledrl"));
    }

    @Test
    void anAbsoluteCacheIsKeptAsConfigured() {
        assertEquals(Path.of("/var/cache/djl"), MlRuntimeComponent.cacheDir("/var/cache/djl", "/opt/ledrl"));
    }

    @Test
    void withoutAnInstallationARelativeCacheIsTheWorkingDirectorysAsBefore() {
        assertEquals(Path.of("data/djl"), MlRuntimeComponent.cacheDir("data/djl", null));
        assertEquals(Path.of("data/djl"), MlRuntimeComponent.cacheDir("data/djl", " "));
    }
}
