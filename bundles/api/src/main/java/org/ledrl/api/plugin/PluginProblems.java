package org.ledrl.api.plugin;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The plugins of {@code deploy/} that do not run as asked, each listed until its file is removed or
 * fixed. One entry a file at most, so the list is bounded by the folder. Cheap and thread-safe.
 */
@ProviderType
public interface PluginProblems {

    /** The problems now, oldest first. */
    List<PluginProblem> current();
}
