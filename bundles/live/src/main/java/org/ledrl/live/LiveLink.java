package org.ledrl.live;

import org.ledrl.api.model.LinkStatus;

/**
 * One link of the live network.
 *
 * @param status     its status as decisions see it; the rate comes from the configuration when telemetry has none
 * @param stale      whether telemetry about it is missing or old (a configured link is then usable while
 *                   both ends are up)
 * @param configured whether the configuration declares it (static capacity)
 */
public record LiveLink(LinkStatus status, boolean stale, boolean configured) {
}
