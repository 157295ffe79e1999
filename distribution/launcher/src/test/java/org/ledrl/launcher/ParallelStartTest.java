package org.ledrl.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

class ParallelStartTest {

    private static final int BUNDLES = 6;

    @TempDir
    Path dir;

    @Test
    void startsThePluginLevelOnTwoThreadsAndTheFrameworkStartsOnlyOnceAllAreActive() throws Exception {
        List<Path> jars = new ArrayList<>();
        for (int i = 0; i < BUNDLES; i++) {
            jars.add(bundle("parallel.plugin" + i));
        }
        Map<String, String> config = Map.of("felix.startlevel.bundle", "2", "ledrl.startlevel.1", "none.at.level.one",
                Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "2");
        Framework framework = framework(config);
        try {
            framework.init();
            // what a bundle's STARTED event sets off (Declarative Services activating its components) runs after
            // the bundle is active; the level has started only once that has ended on every thread too
            Set<String> componentsDone = ConcurrentHashMap.newKeySet();
            framework.getBundleContext().addBundleListener((SynchronousBundleListener) e -> {
                if (e.getType() == BundleEvent.STARTED && e.getBundle().getSymbolicName().startsWith("parallel.")) {
                    sleep(200);
                    componentsDone.add(e.getBundle().getSymbolicName());
                }
            });
            CountDownLatch started = new CountDownLatch(1);
            Set<String> doneAtStarted = ConcurrentHashMap.newKeySet();
            framework.getBundleContext().addFrameworkListener(e -> {
                if (e.getType() == FrameworkEvent.STARTED) {
                    doneAtStarted.addAll(componentsDone);
                    started.countDown();
                }
            });
            StartLevels levels = StartLevels.from(config);
            List<Bundle> installed = Launcher.install(framework.getBundleContext(), jars, levels);
            ParallelStart parallel = ParallelStart.of(framework.getBundleContext(), installed, levels, 2);
            assertNotNull(parallel);
            framework.start();
            assertTrue(started.await(30, TimeUnit.SECONDS));
            parallel.finish();

            Set<String> threads = new HashSet<>();
            for (Bundle bundle : installed) {
                // STARTED came only once every bundle of the level had started, each at its own start level
                assertEquals(Bundle.ACTIVE, bundle.getState(), bundle.getSymbolicName());
                assertEquals(2, bundle.adapt(BundleStartLevel.class).getStartLevel());
                threads.add(System.getProperty(SleepingActivator.PREFIX + bundle.getSymbolicName()));
            }
            assertEquals(2, framework.adapt(FrameworkStartLevel.class).getStartLevel());
            assertEquals(2, threads.size(), "threads that started the bundles: " + threads);
            assertEquals(BUNDLES, doneAtStarted.size(), "started before these had finished: " + doneAtStarted);
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    @Test
    void oneThreadLeavesTheStartToTheFramework() throws Exception {
        Framework framework = framework(Map.of());
        try {
            framework.init();
            StartLevels levels = StartLevels.from(Map.of("felix.startlevel.bundle", "1"));
            List<Bundle> installed = Launcher.install(framework.getBundleContext(),
                    List.of(bundle("one.a"), bundle("one.b")), levels);
            assertNull(ParallelStart.of(framework.getBundleContext(), installed, levels, 1));
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    @Test
    void threadsSettingDefaultsToTheProcessorsAndABadOneIsNamed() throws LaunchException {
        assertEquals(Math.min(4, Runtime.getRuntime().availableProcessors()), ParallelStart.threads(Map.of()));
        assertEquals(3, ParallelStart.threads(Map.of(ParallelStart.THREADS_KEY, " 3 ")));
        LaunchException e = assertThrows(LaunchException.class,
                () -> ParallelStart.threads(Map.of(ParallelStart.THREADS_KEY, "0")));
        assertTrue(e.getMessage().contains(ParallelStart.THREADS_KEY + " needs a number of threads"), e.getMessage());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Framework framework(Map<String, String> config) {
        Map<String, String> properties = new HashMap<>(config);
        properties.put(Constants.FRAMEWORK_STORAGE, dir.resolve("cache").toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        return new FrameworkFactory().newFramework(properties);
    }

    /** A bundle whose activator is {@link SleepingActivator}, copied into it. */
    private Path bundle(String symbolicName) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        main.putValue(Constants.BUNDLE_ACTIVATOR, SleepingActivator.class.getName());
        main.putValue(Constants.IMPORT_PACKAGE, "org.osgi.framework");
        Path jar = dir.resolve(symbolicName + ".jar");
        String entry = SleepingActivator.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream in = SleepingActivator.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
