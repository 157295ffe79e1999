package org.ledrl.ml.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrtNativesTest {

    private static final String PLATFORM = "linux-x64";

    @TempDir
    Path dir;

    @Test
    void unpacksOnceAndThenUsesTheFolderAsItIs() throws IOException {
        byte[] runtime = bytes(200_000, 1);
        byte[] jni = bytes(3_000, 2);
        Path jar = jar("a.jar", runtime, jni);
        Path root = dir.resolve("data/onnxruntime");

        Path folder = OrtNatives.unpacked(jar, root, PLATFORM).orElseThrow();

        assertArrayEquals(runtime, Files.readAllBytes(folder.resolve(System.mapLibraryName("onnxruntime"))));
        assertArrayEquals(jni, Files.readAllBytes(folder.resolve(System.mapLibraryName("onnxruntime4j_jni"))));
        Path library = folder.resolve(System.mapLibraryName("onnxruntime"));
        FileTime written = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(library, written);
        assertEquals(folder, OrtNatives.unpacked(jar, root, PLATFORM).orElseThrow());
        assertEquals(written, Files.getLastModifiedTime(library), "a complete folder is not written again");
        try (var files = Files.list(folder)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".part")));
        }
    }

    @Test
    void aLibraryCutShortOrAMissingMarkerIsUnpackedAgain() throws IOException {
        byte[] runtime = bytes(100_000, 3);
        Path jar = jar("a.jar", runtime, bytes(500, 4));
        Path root = dir.resolve("natives");
        Path folder = OrtNatives.unpacked(jar, root, PLATFORM).orElseThrow();
        Path library = folder.resolve(System.mapLibraryName("onnxruntime"));

        Files.write(library, new byte[100]);
        OrtNatives.unpacked(jar, root, PLATFORM);
        assertArrayEquals(runtime, Files.readAllBytes(library));

        Files.delete(folder.resolve("unpacked"));
        Files.write(library, new byte[runtime.length]); // same size, wrong bytes, no marker: a start killed midway
        OrtNatives.unpacked(jar, root, PLATFORM);
        assertArrayEquals(runtime, Files.readAllBytes(library));
    }

    @Test
    void anUpgradeGetsAFolderOfItsOwnAndTheOldOneGoes() throws IOException {
        Path root = dir.resolve("natives");
        Path old = OrtNatives.unpacked(jar("old.jar", bytes(10_000, 5), bytes(100, 6)), root, PLATFORM).orElseThrow();
        Path other = Files.createDirectories(root.resolve("linux-aarch64-1234")); // another processor's: kept

        byte[] runtime = bytes(12_000, 7);
        Path fresh = OrtNatives.unpacked(jar("new.jar", runtime, bytes(100, 6)), root, PLATFORM).orElseThrow();

        assertNotEquals(old, fresh);
        assertFalse(Files.exists(old));
        assertTrue(Files.isDirectory(other));
        assertArrayEquals(runtime, Files.readAllBytes(fresh.resolve(System.mapLibraryName("onnxruntime"))));
    }

    @Test
    void aJarWithoutThisPlatformsLibrariesGivesNothing() throws IOException {
        Path jar = jar("a.jar", bytes(10, 8), bytes(10, 9));
        assertTrue(OrtNatives.unpacked(jar, dir.resolve("natives"), "linux-riscv64").isEmpty());
    }

    @Test
    void theJarOfABundleLocation() throws IOException {
        Path jar = jar("b.jar", bytes(10, 1), bytes(10, 2));
        assertEquals(jar, OrtNatives.jarOf("reference:" + jar.toUri()).orElseThrow());
        assertEquals(jar, OrtNatives.jarOf(jar.toUri().toString()).orElseThrow());
        assertTrue(OrtNatives.jarOf("inputstream:org.ledrl.ml.jar").isEmpty());
        assertTrue(OrtNatives.jarOf(dir.resolve("missing.jar").toUri().toString()).isEmpty());
    }

    private Path jar(String name, byte[] runtime, byte[] jni) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String library : new String[] {"onnxruntime", "onnxruntime4j_jni"}) {
                out.putNextEntry(new JarEntry("ai/onnxruntime/native/" + PLATFORM + "/" + System.mapLibraryName(library)));
                out.write(library.equals("onnxruntime") ? runtime : jni);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
