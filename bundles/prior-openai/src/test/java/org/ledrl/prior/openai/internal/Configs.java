package org.ledrl.prior.openai.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A component configuration annotation with its defaults, some of them replaced, as DS would pass it. */
final class Configs {

    private Configs() {
    }

    static <A> A of(Class<A> type, Map<String, Object> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (overrides.containsKey(method.getName())) {
                return overrides.get(method.getName());
            }
            Object value = method.getDefaultValue();
            if (value == null) {
                throw new UnsupportedOperationException(method.getName());
            }
            return value;
        }));
    }
}
