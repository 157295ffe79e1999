/**
 * The live runtime as the REST API, MQTT gateways, the Web Console and the commands see it:
 * {@link org.ledrl.live.LiveRuntime} places tasks with the decision service on a network built from
 * telemetry, takes their outcomes back, and shows the network, the policies and recent activity.
 * {@link org.ledrl.live.LiveJson} is the one JSON form of requests and replies, shared by REST and MQTT.
 * 1.2.0: {@link org.ledrl.live.LiveRuntime#buffers()}.
 */
@Export
@Version("1.1.0")
package org.ledrl.live;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
