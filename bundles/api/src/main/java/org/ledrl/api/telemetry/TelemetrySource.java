package org.ledrl.api.telemetry;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of node and link status: the local host (/proc), a Jetson (tegrastats), other
 * gateways over MQTT, or the simulator. Adapter bundles implement it. {@link #snapshot()} returns
 * what the source last saw without blocking; status older than the adapter's staleness limit is
 * reported with {@link org.ledrl.api.model.Health#UNKNOWN}.
 */
@ConsumerType
public interface TelemetrySource {

    String name();

    TelemetrySnapshot snapshot();
}
