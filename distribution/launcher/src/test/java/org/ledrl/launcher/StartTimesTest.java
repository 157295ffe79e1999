package org.ledrl.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;

class StartTimesTest {

    @Test
    void chargesTheTimeUntilTheNextStartToEachBundleSlowestFirst() throws Exception {
        StartTimes times = new StartTimes();
        times.bundleChanged(new BundleEvent(BundleEvent.STARTING, bundle("fast.one")));
        times.bundleChanged(new BundleEvent(BundleEvent.STARTED, bundle("fast.one")));
        times.bundleChanged(new BundleEvent(BundleEvent.STARTING, bundle("slow.one")));
        Thread.sleep(120);
        times.bundleChanged(new BundleEvent(BundleEvent.STARTING, bundle("last.one")));

        String line = printed(times);
        assertTrue(line.contains("starting 3 bundles on 1 thread;"), line);
        Matcher slowest = Pattern.compile("thread; (\\S+) (\\d+) ms,").matcher(line);
        assertTrue(slowest.find(), line);
        assertTrue(slowest.group(1).equals("slow.one") && Long.parseLong(slowest.group(2)) >= 120, line);
    }

    @Test
    void chargesEachBundleUntilTheNextStartOnItsOwnThread() throws Exception {
        StartTimes times = new StartTimes();
        times.bundleChanged(new BundleEvent(BundleEvent.STARTING, bundle("long.one")));
        Thread other = new Thread(() -> {
            times.bundleChanged(new BundleEvent(BundleEvent.STARTING, bundle("short.one")));
            times.bundleChanged(new BundleEvent(BundleEvent.STARTED, bundle("short.one")));
        });
        other.start();
        other.join();
        Thread.sleep(120);
        times.bundleChanged(new BundleEvent(BundleEvent.STARTED, bundle("long.one")));

        String line = printed(times);
        assertTrue(line.contains("starting 2 bundles on 2 threads;"), line);
        Matcher slowest = Pattern.compile("threads; long.one (\\d+) ms, short.one (\\d+) ms").matcher(line);
        assertTrue(slowest.find(), line);
        assertTrue(Long.parseLong(slowest.group(1)) >= 120 && Long.parseLong(slowest.group(2)) < 120, line);
    }

    /** The line {@code times} prints. */
    private static String printed(StartTimes times) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        times.print(new PrintStream(err, true, StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Bundle bundle(String symbolicName) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> symbolicName;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> symbolicName;
                    default -> null;
                });
    }
}
