package org.ledrl.api.health;

import java.util.Objects;

/**
 * One bounded collection as it is now.
 *
 * @param name    what it is, {@code owner.what} (e.g. {@code live.pending-tasks}); unique on a platform
 * @param size    entries (or bytes, where the name says so) held now
 * @param bound   the most it may hold
 * @param dropped entries it dropped or refused because of its bound since it was created; what ages out
 *                of a time window on purpose is not counted
 */
public record BufferStatus(String name, long size, long bound, long dropped) {

    public BufferStatus {
        Objects.requireNonNull(name, "name");
        if (size < 0 || bound < 0 || dropped < 0) {
            throw new IllegalArgumentException("buffer " + name + ": size, bound and dropped must be 0 or more, were "
                    + size + ", " + bound + ", " + dropped);
        }
    }

    /** Whether it holds no more than its bound. */
    public boolean withinBound() {
        return size <= bound;
    }
}
