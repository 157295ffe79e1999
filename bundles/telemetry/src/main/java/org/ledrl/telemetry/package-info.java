/**
 * What the telemetry adapters (proc, tegrastats, MQTT) share, and what their consumers use to read
 * them together.
 *
 * <ul>
 * <li>{@link org.ledrl.telemetry.StatusBoard}: the latest status per node and link, turned into
 * a {@link org.ledrl.api.telemetry.TelemetrySnapshot} in which anything older than the adapter's
 * staleness limit is {@link org.ledrl.api.model.Health#UNKNOWN}, never healthy.</li>
 * <li>{@link org.ledrl.telemetry.MalformedTelemetryException} and
 * {@link org.ledrl.telemetry.RejectLog}: malformed input is counted per kind and logged once per
 * kind, and never reaches a snapshot.</li>
 * <li>{@link org.ledrl.telemetry.TelemetryScope}: the {@code telemetry.scope} service property
 * that tells this host's own sources from those that relay other gateways.</li>
 * <li>{@link org.ledrl.telemetry.TelemetryView}: several snapshots merged into one lookup by node
 * and link, with unknown status for what no source knows: what a live environment reads.</li>
 * </ul>
 */
@Export
@Version("1.1.0")
package org.ledrl.telemetry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
