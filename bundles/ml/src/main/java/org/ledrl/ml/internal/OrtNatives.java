package org.ledrl.ml.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

/**
 * ONNX Runtime's native libraries, kept unpacked in a folder of their own ({@code data/onnxruntime} of the
 * installation) instead of being unpacked from this bundle into the temporary folder at every start (22 MB on
 * x86-64). The folder is named after the processor and a checksum of the libraries' sizes and CRC-32s as the jar
 * lists them, so a new ONNX Runtime gets a new folder and the folders of older ones (same processor) are removed.
 * A folder is used only when complete: its marker file, written last, repeats those sizes and checksums, and each
 * library on disk has its size; anything else (a start killed while unpacking, a file cut short) is unpacked again,
 * checked against the jar's CRC-32 while written, each file moved into place in one step.
 */
final class OrtNatives {

    /** ONNX Runtime's own setting: the folder its libraries are loaded from. */
    static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";
    private static final String MARKER = "unpacked";
    private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni");

    private OrtNatives() {
    }

    /** ONNX Runtime's name of this processor's native folder ({@code linux-x64}); empty where it has none here. */
    static Optional<String> platform() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        return switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Optional.of("linux-x64");
            case "aarch64" -> Optional.of("linux-aarch64");
            default -> Optional.empty();
        };
    }

    /** The jar of a bundle installed from a file ({@code reference:file:...} or {@code file:...}). */
    static Optional<Path> jarOf(String location) {
        String file = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        if (!file.startsWith("file:")) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(java.net.URI.create(file));
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The folder under {@code root} holding the libraries of {@code platform} that {@code jar} carries, unpacked now
     * if they were not yet; empty when the jar has no libraries for that platform.
     */
    static Optional<Path> unpacked(Path jar, Path root, String platform) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            List<JarEntry> entries = new ArrayList<>();
            StringBuilder listing = new StringBuilder();
            for (String library : LIBRARIES) {
                String name = System.mapLibraryName(library);
                JarEntry entry = file.getJarEntry("ai/onnxruntime/native/" + platform + "/" + name);
                if (entry == null || entry.getSize() < 0 || entry.getCrc() < 0) {
                    return Optional.empty();
                }
                entries.add(entry);
                listing.append(name).append(' ').append(entry.getSize()).append(' ')
                        .append(Long.toHexString(entry.getCrc())).append('\n');
            }
            CRC32 id = new CRC32();
            id.update(listing.toString().getBytes(StandardCharsets.UTF_8));
            String folderName = platform + "-" + Long.toHexString(id.getValue());
            Path folder = root.resolve(folderName);
            if (!complete(folder, listing.toString(), entries)) {
                unpack(file, entries, folder, listing.toString());
            }
            removeOthers(root, platform, folderName);
            return Optional.of(folder);
        }
    }

    private static boolean complete(Path folder, String listing, List<JarEntry> entries) throws IOException {
        Path marker = folder.resolve(MARKER);
        if (!Files.isReadable(marker) || !Files.readString(marker, StandardCharsets.UTF_8).equals(listing)) {
            return false;
        }
        for (JarEntry entry : entries) {
            Path library = folder.resolve(fileName(entry));
            if (!Files.isRegularFile(library) || !Files.isReadable(library) || Files.size(library) != entry.getSize()) {
                return false;
            }
        }
        return true;
    }

    private static void unpack(JarFile file, List<JarEntry> entries, Path folder, String listing) throws IOException {
        Files.createDirectories(folder);
        Files.deleteIfExists(folder.resolve(MARKER));
        for (JarEntry entry : entries) {
            Path part = Files.createTempFile(folder, fileName(entry), ".part");
            try {
                CRC32 crc = new CRC32();
                try (InputStream in = new CheckedInputStream(file.getInputStream(entry), crc);
                     OutputStream out = Files.newOutputStream(part)) {
                    in.transferTo(out);
                }
                if (crc.getValue() != entry.getCrc() || Files.size(part) != entry.getSize()) {
                    throw new IOException(entry.getName() + " does not match its checksum in the bundle");
                }
                readableByAll(part);
                Files.move(part, folder.resolve(fileName(entry)), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
        }
        Path part = Files.createTempFile(folder, MARKER, ".part");
        Files.writeString(part, listing, StandardCharsets.UTF_8);
        readableByAll(part);
        Files.move(part, folder.resolve(MARKER), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Folders of this platform's other versions (a process still using one keeps its mapped libraries); where they
     * cannot be removed (a folder this user may only read) they stay.
     */
    private static void removeOthers(Path root, String platform, String keep) {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, platform + "-*")) {
            for (Path folder : folders) {
                if (!folder.getFileName().toString().equals(keep) && Files.isDirectory(folder)) {
                    deleteTree(folder);
                }
            }
        } catch (IOException e) {
            // best effort: an old folder only takes room
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Like any installed library (a temporary file is the owner's only): another user's process may load it. */
    private static void readableByAll(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static String fileName(JarEntry entry) {
        return entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
    }
}
