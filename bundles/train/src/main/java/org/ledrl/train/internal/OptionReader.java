package org.ledrl.train.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads training options by key, each with its default, and names the key and the problem when a value is bad. */
record OptionReader(Map<String, String> options) {

    boolean bool(String key, boolean fallback) {
        String v = options.getOrDefault(key, Boolean.toString(fallback)).trim();
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("training option " + key + " must be true or false, not '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    <E extends Enum<E>> E choice(String key, E fallback, Class<E> type) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("training option " + key + " must be one of "
                + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList()
                + ", not '" + v + "'");
    }

    List<Long> seeds(String key, List<Long> fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        List<Long> seeds = new ArrayList<>();
        for (String part : v.split(",")) {
            try {
                seeds.add(Long.parseLong(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("training option " + key + " must be whole numbers separated "
                        + "by commas, not '" + v + "'");
            }
        }
        return List.copyOf(seeds);
    }

    int integer(String key, int fallback, int min) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(v.trim());
            if (value < min) {
                throw new IllegalArgumentException("training option " + key + " must be at least " + min
                        + ", not " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("training option " + key + " must be a whole number, not '" + v
                    + "'");
        }
    }

    double number(String key, double fallback, double min, double max) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(v.trim());
            if (!(value >= min && value <= max)) {
                throw new IllegalArgumentException("training option " + key + " must be in [" + min + ", " + max
                        + "], not " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("training option " + key + " must be a number, not '" + v + "'");
        }
    }
}
