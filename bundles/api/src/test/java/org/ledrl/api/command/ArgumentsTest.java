package org.ledrl.api.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static final List<String> VALUED = List.of("scenario", "set", "policies", "seeds");
    private static final List<String> FLAGS = List.of("trace");

    @Test
    void readsValuesFlagsAndPositionals() throws Exception {
        Arguments a = Arguments.parse(List.of("run", "--scenario", "s.yaml", "--seeds=3", "--trace", "x"), VALUED, FLAGS);
        assertEquals("s.yaml", a.required("scenario"));
        assertEquals(3, a.intValue("seeds", 1));
        assertTrue(a.flag("trace"));
        assertEquals(List.of("run", "x"), a.positional());
    }

    @Test
    void keepsCommasInRepeatedValuesAndSplitsLists() throws Exception {
        Arguments a = Arguments.parse(List.of("--set", "tasks.sizeKB=[250,500]", "--set", "slots=10",
                "--policies", "local,ratc", "--policies", "greedy"), VALUED, FLAGS);
        assertEquals(List.of("tasks.sizeKB=[250,500]", "slots=10"), a.values("set"));
        assertEquals(List.of("local", "ratc", "greedy"), a.list("policies"));
    }

    @Test
    void namesTheProblem() {
        Arguments.UsageException unknown = assertThrows(Arguments.UsageException.class,
                () -> Arguments.parse(List.of("--sceanrio", "x"), VALUED, FLAGS));
        assertEquals("unknown option --sceanrio", unknown.getMessage());
        Arguments.UsageException missing = assertThrows(Arguments.UsageException.class,
                () -> Arguments.parse(List.of("--scenario"), VALUED, FLAGS));
        assertEquals("option --scenario needs a value", missing.getMessage());
        Arguments.UsageException flagValue = assertThrows(Arguments.UsageException.class,
                () -> Arguments.parse(List.of("--trace=yes"), VALUED, FLAGS));
        assertEquals("option --trace takes no value", flagValue.getMessage());
    }

    @Test
    void rejectsNonNumbers() throws Exception {
        Arguments a = Arguments.parse(List.of("--seeds", "ten"), VALUED, FLAGS);
        Arguments.UsageException e = assertThrows(Arguments.UsageException.class, () -> a.intValue("seeds", 1));
        assertEquals("option --seeds must be a whole number, not 'ten'", e.getMessage());
        assertFalse(a.flag("trace"));
    }
}
