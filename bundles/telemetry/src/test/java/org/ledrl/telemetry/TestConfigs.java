package org.ledrl.telemetry;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Builds a component's configuration annotation for a unit test, the way DS would from
 * Configuration Admin: each attribute takes its value from {@code values} (by method name) or its
 * declared default.
 */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static <A extends Annotation> A of(Class<A> type, Map<String, ?> values) {
        for (String key : values.keySet()) {
            try {
                type.getMethod(key);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(type.getSimpleName() + " has no attribute " + key, e);
            }
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return type.getSimpleName() + values;
                case "hashCode":
                    return System.identityHashCode(self);
                case "equals":
                    return self == args[0];
                default:
                    Object value = values.get(method.getName());
                    return value != null ? value : method.getDefaultValue();
            }
        });
        return type.cast(proxy);
    }
}
