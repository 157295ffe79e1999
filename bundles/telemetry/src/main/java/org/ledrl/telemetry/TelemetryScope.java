package org.ledrl.telemetry;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The {@code telemetry.scope} service property of a {@link org.ledrl.api.telemetry.TelemetrySource}:
 * {@link #LOCAL} for a source that measures this host (proc, tegrastats), {@link #REMOTE} for one
 * that relays what other gateways report (MQTT). Put it on the component class. The MQTT adapter
 * publishes the status of the local source it binds with the filter {@code (telemetry.scope=local)}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface TelemetryScope {
    String PROPERTY = "telemetry.scope";
    String LOCAL = "local";
    String REMOTE = "remote";
    /** The filter that selects this host's own sources. */
    String LOCAL_FILTER = "(" + PROPERTY + "=" + LOCAL + ")";

    String value();
}
