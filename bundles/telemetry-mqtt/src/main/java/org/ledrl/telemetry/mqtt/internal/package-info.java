/**
 * The MQTT telemetry adapter (private package; README.md of this bundle is the same reference).
 *
 * <h2>Topics</h2>
 * Under a configurable prefix, {@code ledrl/v1} by default:
 * <ul>
 * <li>{@code <prefix>/node/<node>/status}: status of one node;</li>
 * <li>{@code <prefix>/link/<a>-<b>/status}: status of the undirected link between {@code a} and
 * {@code b}, {@code a < b}.</li>
 * </ul>
 * Messages are not retained; QoS is configurable (0 by default).
 *
 * <h2>Payload, version 1</h2>
 * A UTF-8 JSON object: {@code v} (1, required), {@code kind} ({@code node} or {@code link}),
 * {@code origin} (the sender's client id; receivers skip their own), {@code sentAtMillis} (the
 * sender's clock, informative), then for a node {@code node}, {@code health} (UP, DOWN, UNKNOWN),
 * {@code cpuGHz}, {@code cpuLoad}, {@code queueLength}, {@code queueSeconds}, {@code memoryLoad},
 * {@code gpuLoad}, {@code temperatureC}, {@code recentFailures}, and for a link {@code a},
 * {@code b}, {@code health}, {@code rateMBps}, {@code latencyMs}, {@code recentFailures}. An
 * unmeasured value is {@code null}; NaN and infinities are rejected; loads are in [0,1]; ids must
 * match the topic; unknown fields are ignored. See {@link org.ledrl.telemetry.mqtt.internal.StatusPayload}.
 *
 * <h2>Behaviour</h2>
 * Received status is stamped with its arrival time and becomes unknown after the staleness limit.
 * Malformed messages are counted per kind and logged once per kind. Clean sessions, subscribed
 * again after every connect; reconnection with exponential back-off.
 */
package org.ledrl.telemetry.mqtt.internal;
