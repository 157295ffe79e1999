package org.ledrl.telemetry.tegrastats.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Follows a file that tegrastats writes ({@code tegrastats --logfile}) or a named pipe, like
 * {@code tail -F -n 0}: a regular file is read from its end (old lines would pass for fresh
 * status), lines are delivered only once their newline is there (a line being written is not
 * half-read), and a file that shrinks (truncated or rotated) is reopened.
 */
final class FileFeed implements LineFeed {

    private final Path file;
    private final long pollMillis;
    private volatile boolean stopped;

    FileFeed(Path file, long pollMillis) {
        this.file = file;
        this.pollMillis = pollMillis;
    }

    @Override
    public long pump(Consumer<String> lines) throws IOException, InterruptedException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            boolean regular = Files.isRegularFile(file);
            boolean skipPartialLine = regular && startAtEnd(channel);
            InputStream in = Channels.newInputStream(channel);
            ByteArrayOutputStream line = new ByteArrayOutputStream(512);
            byte[] buffer = new byte[8192];
            long delivered = 0;
            while (!stopped) {
                int read = in.read(buffer);
                if (read < 0) {
                    if (regular && Files.size(file) < channel.position()) {
                        return delivered; // truncated or replaced: reopen from its end
                    }
                    Thread.sleep(pollMillis);
                    continue;
                }
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    if (b != '\n') {
                        line.write(b);
                        continue;
                    }
                    if (skipPartialLine) {
                        skipPartialLine = false;
                    } else {
                        lines.accept(line.toString(StandardCharsets.ISO_8859_1));
                        delivered++;
                    }
                    line.reset();
                }
            }
            return delivered;
        }
    }

    /** Positions at the end; true when that is the middle of a line, whose rest must be skipped. */
    private static boolean startAtEnd(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return false;
        }
        java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        channel.position(size);
        return last.get(0) != '\n';
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public String describe() {
        return "file " + file;
    }
}
