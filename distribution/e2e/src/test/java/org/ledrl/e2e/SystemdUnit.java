package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An installed systemd unit file read the way the tests need it: its settings, and how systemd
 * would start its {@code ExecStart} line (user, environment file, working directory) on a
 * machine where systemd itself does not run.
 */
final class SystemdUnit {

    private final Map<String, String> settings;

    private SystemdUnit(Map<String, String> settings) {
        this.settings = settings;
    }

    static SystemdUnit read(Path file) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            int eq = trimmed.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("[") || eq < 0) {
                continue;
            }
            settings.merge(trimmed.substring(0, eq), trimmed.substring(eq + 1), (a, b) -> a + " " + b);
        }
        return new SystemdUnit(settings);
    }

    String get(String key) {
        String value = settings.get(key);
        assertTrue(value != null, () -> "the unit has no " + key + "=");
        return value;
    }

    /** KEY=VALUE lines of the unit's EnvironmentFile (a leading '-' means optional) and Environment. */
    Map<String, String> environment() throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String assignment : settings.getOrDefault("Environment", "").split("\\s+")) {
            put(environment, assignment);
        }
        String file = settings.getOrDefault("EnvironmentFile", "");
        Path path = Path.of(file.startsWith("-") ? file.substring(1) : file);
        if (!file.isEmpty() && Files.isRegularFile(path)) {
            for (String line : Files.readAllLines(path)) {
                if (!line.trim().startsWith("#")) {
                    put(environment, line.trim());
                }
            }
        }
        return environment;
    }

    private static void put(Map<String, String> environment, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq > 0) {
            environment.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
    }

    /**
     * The ExecStart line as systemd runs it: as the unit's user and group, with no new privileges,
     * in its working directory, with only the unit's environment plus {@code extra}.
     */
    List<String> execStartAsService(Map<String, String> extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + get("User"), "--regid=" + get("Group"),
                "--init-groups", "--no-new-privs", "--", "env", "-i", "-C", get("WorkingDirectory"),
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
        Map<String, String> environment = new LinkedHashMap<>(environment());
        environment.putAll(extra);
        environment.forEach((k, v) -> command.add(k + "=" + v));
        command.addAll(List.of(get("ExecStart").split("\\s+")));
        return command;
    }
}
