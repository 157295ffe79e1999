package org.ledrl.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A properties file of {@code conf/} with {@code ${name}} references resolved: to another key of
 * the same file, or through {@code outside} (the launcher passes {@code ledrl.home} and the system
 * properties). An unknown reference is an error that names the file, the key and the reference.
 */
final class ConfigFile {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");
    private static final int MAX_DEPTH = 16;

    private ConfigFile() {
    }

    /**
     * {@code text}, the value of {@code key} in {@code conf/config.properties}, as a whole number of 1 or more; else
     * an error that names the key and says what it holds ({@code what}, e.g. "a start level").
     */
    static int atLeastOne(String key, String text, String what) throws LaunchException {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw LaunchException.of("conf/config.properties: " + key + " needs " + what + " of 1 or more, not '" + text
                + "'");
    }

    static Map<String, String> load(Path file, Function<String, String> outside) throws LaunchException {
        Properties raw = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            raw.load(in);
        } catch (NoSuchFileException e) {
            throw LaunchException.of(file + " is missing");
        } catch (IOException | IllegalArgumentException e) {
            throw LaunchException.of("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        for (String key : raw.stringPropertyNames()) {
            values.put(key, raw.getProperty(key).trim());
        }
        Map<String, String> resolved = new TreeMap<>();
        for (String key : values.keySet()) {
            resolved.put(key, resolve(file, key, values.get(key), values, outside, 0));
        }
        return resolved;
    }

    private static String resolve(Path file, String key, String value, Map<String, String> values,
            Function<String, String> outside, int depth) throws LaunchException {
        if (depth > MAX_DEPTH) {
            throw LaunchException.of(file + ": key " + key + " refers to itself through ${...}");
        }
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = values.containsKey(name)
                    ? resolve(file, name, values.get(name), values, outside, depth + 1)
                    : outside.apply(name);
            if (replacement == null) {
                throw LaunchException.of(file + ": key " + key + " refers to ${" + name + "}, which is not defined");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
