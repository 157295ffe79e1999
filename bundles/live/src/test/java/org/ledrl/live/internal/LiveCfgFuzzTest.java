package org.ledrl.live.internal;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.ledrl.json.fuzz.Mutants;
import org.ledrl.json.fuzz.Refusals;
import org.ledrl.telemetry.TestConfigs;

/**
 * Fuzzes {@code conf/org.ledrl.live.cfg}: 10,000 mutants of valid files, read as File Install reads
 * a .cfg (java.util.Properties), list values split on commas as the platform's configuration plugin
 * does, numbers converted as Declarative Services does; every file is taken or refused with a
 * message naming the key and the value.
 */
class LiveCfgFuzzTest {

    private static final List<String> FILES = List.of("""
            localNode = 0
            links = 0-1:25, 0-2:25, 1-2:10:4
            maxHops = 2
            referenceCpuGHz = 3.0
            """, """
            localNode=3
            links=3-4:40
            maxNodeId=16
            maxLinks=8
            staleAfterMillis=5000
            reliabilityThreshold=0.95
            """);

    @Provide
    Arbitrary<String> files() {
        return Mutants.of(FILES, List.of("links = ", "-", ":", ",", "maxNodeId = ", "localNode = ", "65536", "1e400"));
    }

    @Property(tries = 10_000)
    void everyFileIsTakenOrRefusedClearly(@ForAll @From("files") String file) throws Exception {
        String outcome = Refusals.bounded(file, () -> {
            Map<String, Object> values;
            try {
                values = convert(file);
            } catch (NumberFormatException e) {
                return "not a number (refused by the type conversion)";
            } catch (IllegalArgumentException e) {
                return "not a readable .cfg file (a broken \\u escape)";
            }
            try {
                NetworkSettings.of(TestConfigs.of(LiveRuntimeComponent.Config.class, values));
                BufferSettings.of(TestConfigs.of(LiveRuntimeComponent.Config.class, values));
                return "taken";
            } catch (IllegalArgumentException e) {
                Refusals.assertClear(e.getMessage(), file);
                return "refused";
            }
        });
        Statistics.collect(outcome);
    }

    private static Map<String, Object> convert(String file) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(file));
        Map<String, Object> values = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            Method attribute;
            try {
                attribute = LiveRuntimeComponent.Config.class.getMethod(key);
            } catch (NoSuchMethodException e) {
                continue; // an unknown key: logged and ignored by the platform
            }
            String text = properties.getProperty(key).strip();
            Class<?> type = attribute.getReturnType();
            if (type == String[].class) {
                values.put(key, List.of(text.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty())
                        .toArray(String[]::new));
            } else if (type == int.class) {
                values.put(key, Integer.parseInt(text));
            } else if (type == long.class) {
                values.put(key, Long.parseLong(text));
            } else if (type == double.class) {
                values.put(key, Double.parseDouble(text));
            }
        }
        return values;
    }
}
