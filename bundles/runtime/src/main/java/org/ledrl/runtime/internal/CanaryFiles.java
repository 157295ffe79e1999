package org.ledrl.runtime.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.ledrl.api.plugin.PluginProblem;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a canary's verdict on the files of {@code deploy/}, through File Install. Promoted: the
 * canary's file leaves {@code deploy/} (its bundle goes), then replaces the incumbent's (File Install
 * updates the incumbent bundle to the new version). Rolled back: its file is moved to
 * {@code data/plugins/refused/} (its bundle goes); the
 * verdict, with its figures, is listed by {@code status} and the health. The last {@value #KEPT}
 * rolled-back canaries are listed; older ones are dropped and counted.
 */
final class CanaryFiles {

    static final int KEPT = 8;
    private static final Logger LOG = LoggerFactory.getLogger(CanaryFiles.class);

    private final Path deploy;
    private final Path refused;
    private final Deque<PluginProblem> rolledBack = new ArrayDeque<>();
    private final Deque<Promotion> promotions = new ArrayDeque<>();
    private long dropped;

    /** A promoted canary waiting for File Install to uninstall its bundle before its file replaces the incumbent's. */
    private record Promotion(long canaryBundle, Path file, Path target, String message) {
    }

    CanaryFiles(Path deploy, Path data) {
        this.deploy = deploy;
        this.refused = data.resolve("plugins/refused");
    }

    synchronized List<PluginProblem> current() {
        return List.copyOf(rolledBack);
    }

    synchronized long dropped() {
        return dropped;
    }

    void apply(CanaryTrial.Verdict verdict, BundleContext context) throws IOException {
        Bundle canary = context.getBundle(verdict.canaryBundle());
        Path canaryFile = canary == null ? null : file(canary);
        if (canaryFile == null) {
            LOG.warn("Canary of policy '{}': {}; its bundle or file is gone already", verdict.policy(), verdict.figures());
            return;
        }
        String name = canaryFile.getFileName().toString();
        String label = canary.getSymbolicName() + " " + canary.getVersion();
        if (verdict.promoted()) {
            Bundle incumbent = context.getBundle(verdict.incumbentBundle());
            Path incumbentFile = incumbent == null ? null : file(incumbent);
            Path target = incumbentFile != null && Files.isSameFile(incumbentFile.getParent(), deploy) ? incumbentFile
                    : deploy.resolve(name.substring(0, name.length() - CanaryPolicies.FILE_SUFFIX.length()) + ".jar");
            // the canary's bundle goes first (File Install sees its file go): two bundles of one name and version
            // cannot be installed side by side
            Path promoting = Files.createDirectories(refused.resolveSibling("promoting")).resolve(name);
            Files.move(canaryFile, promoting, StandardCopyOption.REPLACE_EXISTING);
            synchronized (this) {
                promotions.addLast(new Promotion(verdict.canaryBundle(), promoting, target, String.format(
                        "Canary deploy/%s (%s) of policy '%s' promoted to deploy/%s: %s", name, label, verdict.policy(),
                        target.getFileName(), verdict.figures())));
            }
            return;
        }
        Files.createDirectories(refused);
        Path kept = refused.resolve(name);
        Files.move(canaryFile, kept, StandardCopyOption.REPLACE_EXISTING); // File Install uninstalls its bundle
        String reason = "rolled back: canary of policy '" + verdict.policy() + "' not promoted: " + verdict.figures();
        synchronized (this) {
            rolledBack.addLast(new PluginProblem(name, label, reason, System.currentTimeMillis()));
            while (rolledBack.size() > KEPT) {
                rolledBack.removeFirst();
                dropped++;
            }
        }
        LOG.error("Canary deploy/{} ({}) of policy '{}' rolled back: {} (the file is kept as {})", name, label,
                verdict.policy(), verdict.figures(), kept);
    }

    /** Puts each promoted canary in its incumbent's place once File Install has uninstalled the canary's bundle. */
    void continuePromotions(BundleContext context) throws IOException {
        while (true) {
            Promotion next;
            synchronized (this) {
                next = promotions.peekFirst();
                if (next == null || context.getBundle(next.canaryBundle()) != null) {
                    return;
                }
                promotions.removeFirst();
            }
            Path partial = next.target().resolveSibling(next.target().getFileName() + ".promote");
            Files.copy(next.file(), partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, next.target(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(next.file());
            LOG.info(next.message());
        }
    }

    /** Forgets the verdict about a file dropped into deploy/ again. */
    synchronized void forget(String name) {
        rolledBack.removeIf(p -> p.file().equals(name));
    }

    private static Path file(Bundle bundle) {
        String location = bundle.getLocation();
        try {
            return location != null && location.startsWith("file:") ? Path.of(URI.create(location)) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
