package org.ledrl.reflect.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.ledrl.api.model.Reflection;
import org.ledrl.reflect.LessonRewriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/** The DS component outside a container: configuration, folder, save on stop, the rewriter reference. */
class ReflectiveEvaluatorComponentTest {

    @TempDir
    Path home;

    /** A configuration with the Metatype defaults except {@code values}. */
    private static ReflectiveEvaluatorComponent.Config config(Map<String, Object> values) {
        return (ReflectiveEvaluatorComponent.Config) Proxy.newProxyInstance(
                ReflectiveEvaluatorComponentTest.class.getClassLoader(),
                new Class<?>[] {ReflectiveEvaluatorComponent.Config.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return args[0].equals(ReflectiveEvaluatorComponent.HOME_PROPERTY) ? home.toString() : null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static void failNode(ReflectiveEvaluatorComponent component, int node) {
        for (int i = 1; i <= 3; i++) {
            component.onEvent(Synthetic.nodeDown(node, i));
        }
    }

    @Test
    void keepsItsMemoryUnderTheHomeFolderAcrossRestarts() throws Exception {
        ReflectiveEvaluatorComponent first = new ReflectiveEvaluatorComponent(context(), config(Map.of()));
        failNode(first, 7);
        first.deactivate();
        Path file = home.resolve("data").resolve("memory").resolve("reflective-memory.json");
        assertTrue(Files.exists(file));

        ReflectiveEvaluatorComponent second = new ReflectiveEvaluatorComponent(context(), config(Map.of()));
        assertEquals(List.of("node:7"), second.lessons().stream().map(l -> l.subject()).toList());
        assertTrue(second.problems().isEmpty());

        second.clear();
        ReflectiveEvaluatorComponent third = new ReflectiveEvaluatorComponent(context(), config(Map.of()));
        assertTrue(third.lessons().isEmpty(), "a clear is saved at once");
        third.deactivate();
        second.deactivate();
    }

    @Test
    void aConfiguredFolderWinsAndSettingsReachTheMemory() throws Exception {
        Path folder = home.resolve("elsewhere");
        ReflectiveEvaluatorComponent component = new ReflectiveEvaluatorComponent(context(),
                config(Map.of("folder", folder.toString(), "nodeFailureThreshold", 4, "maxLessons", 7)));
        assertEquals(7, component.settings().maxLessons());
        failNode(component, 7);
        assertTrue(component.lessons().isEmpty(), "three failures are below the configured threshold of four");
        component.onEvent(Synthetic.nodeDown(7, 4));
        assertEquals(1, component.lessons().size());
        component.deactivate();
        assertTrue(Files.exists(folder.resolve("reflective-memory.json")));
    }

    @Test
    void anInvalidSettingNamesItself() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReflectiveEvaluatorComponent(context(), config(Map.of("overloadShare", 1.5))));
        assertEquals("reflective memory setting overloadShare must be a share in (0,1], not 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ReflectiveEvaluatorComponent(context(), config(Map.of("persistIntervalSeconds", 0))));
        assertTrue(e.getMessage().contains("persistIntervalSeconds must be at least 1, not 0"));
    }

    @Test
    void usesTheRewriterWhileItIsBound() throws Exception {
        ReflectiveEvaluatorComponent component = new ReflectiveEvaluatorComponent(context(), config(Map.of()));
        LessonRewriter llm = lesson -> CompletableFuture.completedFuture("Avoid " + lesson.subject() + ".");
        component.bindRewriter(llm);
        failNode(component, 7);
        List<Reflection> recalled = component.recall(Synthetic.observation(7, 3, "video", List.of(), List.of()), 3);
        assertEquals("Avoid node:7.", recalled.get(0).text());

        component.unbindRewriter(llm);
        component.onEvent(Synthetic.nodeDown(7, 4)); // new text, rewritten by the null object: the rules' text
        assertTrue(component.recall(Synthetic.observation(7, 4, "video", List.of(), List.of()), 3).get(0).text()
                .startsWith("node 7 failed 4 times"));
        component.deactivate();
    }
}
