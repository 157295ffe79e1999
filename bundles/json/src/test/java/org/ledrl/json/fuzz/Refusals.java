package org.ledrl.json.fuzz;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What every fuzz test checks of a case: it ends within a bound (no hang), and is either accepted
 * or refused with a clear error, one line in the project's words (no library class, feature or
 * source excerpt), of a readable length.
 */
public final class Refusals {

    /** Library words a clear error never contains. */
    public static final List<String> LEAKS = List.of("jackson", "Jackson", "Feature", "Source:", "REDACTED",
            "Exception", "com.fasterxml", "snakeyaml", "start marker", "java.", "org.yaml", "at [", "Caused by");
    /** The longest a case may take. */
    public static final long CASE_SECONDS = 5;
    private static final int MAX_MESSAGE = 600;

    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-case");
        t.setDaemon(true);
        return t;
    });

    private Refusals() {
    }

    /** Runs a case within {@link #CASE_SECONDS}; a hang or an unexpected exception fails the test. */
    public static <T> T bounded(String input, Callable<T> parse) throws Exception {
        Future<T> result = RUNNER.submit(parse);
        try {
            return result.get(CASE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new AssertionError("no answer within " + CASE_SECONDS + " s for: " + printable(input));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw new AssertionError("crashed on: " + printable(input), e.getCause());
        }
    }

    /** Fails unless the message is a clear refusal. */
    public static void assertClear(String message, String input) {
        if (message == null || message.isBlank()) {
            throw new AssertionError("refused without a message: " + printable(input));
        }
        if (message.length() > MAX_MESSAGE) {
            throw new AssertionError("message of " + message.length() + " characters for: " + printable(input));
        }
        assertNoLeak(message, input);
    }

    /** Fails when the text quotes a library (class, feature or source excerpt). */
    public static void assertNoLeak(String message, String input) {
        for (String leak : LEAKS) {
            if (message.contains(leak)) {
                throw new AssertionError("'" + leak + "' in the message \"" + message + "\" for: " + printable(input));
            }
        }
    }

    public static String printable(String input) {
        StringBuilder out = new StringBuilder();
        input.codePoints().limit(300).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
