package org.ledrl.prior;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prompt templates of an operator's folder (usually {@code <home>/conf/templates}), picked up
 * again when a file there changes, so an edit takes effect on the next prompt without a restart. An
 * edit that breaks a template is logged with the file and line, and the templates in use stay as
 * they were. Thread-safe; LLM providers hold one each.
 */
public final class TemplateFolder {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateFolder.class);

    private final Path folder;
    private volatile PromptBuilder current;
    private volatile List<Object> stamp;

    /**
     * Loads the folder's templates; when they are bad at start, logs why and uses the built-in ones
     * until the files are fixed.
     *
     * @param folder the operator's folder, or {@code null} for the built-in templates only
     */
    public TemplateFolder(Path folder) {
        this.folder = folder;
        this.stamp = stamp();
        PromptBuilder loaded;
        try {
            loaded = PromptBuilder.load(folder);
        } catch (TemplateException e) {
            LOG.error("Prompt templates in {} are not usable, the built-in ones are used until they are fixed: {}",
                    folder, e.getMessage());
            loaded = PromptBuilder.defaults();
        }
        this.current = loaded;
    }

    /** The templates as they are now; reloads when a file was added, changed or removed since the last call. */
    public PromptBuilder current() {
        List<Object> now = stamp();
        if (!now.equals(stamp)) {
            synchronized (this) {
                if (!now.equals(stamp)) {
                    stamp = now;
                    try {
                        current = PromptBuilder.load(folder);
                        LOG.info("Prompt templates reloaded from {}", folder);
                    } catch (TemplateException e) {
                        LOG.error("Prompt templates in {} not reloaded, the previous ones stay in use: {}", folder,
                                e.getMessage());
                    }
                }
            }
        }
        return current;
    }

    public Path folder() {
        return folder;
    }

    /** Modification time and size of each template file, the cheap way to see an edit. */
    private List<Object> stamp() {
        List<Object> stamp = new ArrayList<>();
        if (folder == null) {
            return stamp;
        }
        for (String file : PromptBuilder.FILES) {
            Path p = folder.resolve(file);
            try {
                FileTime time = Files.getLastModifiedTime(p);
                stamp.add(file + "@" + time.toMillis() + ":" + Files.size(p));
            } catch (IOException e) {
                stamp.add(file + ":absent");
            }
        }
        return stamp;
    }

    @Override
    public String toString() {
        return "templates " + Objects.requireNonNullElse(folder, "(built-in)");
    }
}
