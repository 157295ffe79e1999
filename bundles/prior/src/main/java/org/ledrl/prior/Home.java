package org.ledrl.prior;

import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/**
 * The installation's home folder, where {@code conf/} and data files live: the framework property
 * {@value #PROPERTY} (the launcher sets it), else the working directory.
 */
public final class Home {

    public static final String PROPERTY = "ledrl.home";

    private Home() {
    }

    public static Path of(BundleContext context) {
        String home = context == null ? null : context.getProperty(PROPERTY);
        if (home == null || home.isBlank()) {
            home = System.getProperty(PROPERTY, System.getProperty("user.dir"));
        }
        return Path.of(home).toAbsolutePath();
    }

    /** {@code configured} as is when absolute, else under the home folder; empty stays empty (null). */
    public static Path resolve(BundleContext context, String configured) {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        Path path = Path.of(configured.strip());
        return path.isAbsolute() ? path : of(context).resolve(path);
    }
}
