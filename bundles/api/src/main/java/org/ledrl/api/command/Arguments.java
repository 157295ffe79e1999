package org.ledrl.api.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Command-line arguments of a {@link CliCommand}: {@code --name value}, {@code --name=value},
 * repeatable options ({@code --set a=1 --set b=2}), boolean flags and positional words. Parsed
 * against the options a command declares, so a typo is a usage error that names it, not a
 * silently ignored word.
 */
public final class Arguments {

    private final Map<String, List<String>> options;
    private final List<String> positional;

    private Arguments(Map<String, List<String>> options, List<String> positional) {
        this.options = options;
        this.positional = positional;
    }

    /**
     * Parses {@code args}.
     *
     * @param valued options that take a value (names without dashes)
     * @param flags  options that take none
     * @throws UsageException naming an unknown option or a missing value
     */
    public static Arguments parse(List<String> args, List<String> valued, List<String> flags) throws UsageException {
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException("option --" + name + " takes no value");
                }
                options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return new Arguments(options, positional);
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    /** The last value given for {@code name}. */
    public Optional<String> value(String name) {
        List<String> values = options.get(name);
        return values == null ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** The value of a required option. */
    public String required(String name) throws UsageException {
        return value(name).orElseThrow(() -> new UsageException("option --" + name + " is required"));
    }

    /** Every value given for a repeatable option, in order, as given (values may contain commas, e.g. {@code --set a=[1,2]}). */
    public List<String> values(String name) {
        return options.getOrDefault(name, List.of());
    }

    /** A list option: every value given, each split at commas, blanks dropped ({@code --policies a,b --policies c}). */
    public List<String> list(String name) {
        List<String> items = new ArrayList<>();
        for (String value : values(name)) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return items;
    }

    public int intValue(String name, int defaultValue) throws UsageException {
        Optional<String> v = value(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.get().trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " must be a whole number, not '" + v.get() + "'");
        }
    }

    public long longValue(String name, long defaultValue) throws UsageException {
        Optional<String> v = value(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.get().trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " must be a whole number, not '" + v.get() + "'");
        }
    }

    public List<String> positional() {
        return List.copyOf(positional);
    }

    /** A command line that does not fit the command's usage; commands print its message and the usage, exit 2. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
