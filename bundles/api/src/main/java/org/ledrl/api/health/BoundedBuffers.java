package org.ledrl.api.health;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A service that owns bounded collections on the live path and reports them (the live runtime, the
 * prior board, the reflective memory, LLM providers' answer caches, telemetry node tables). The live
 * runtime gathers every such service for {@code status} and the REST health. Calls are cheap (no I/O)
 * and thread-safe.
 */
@ConsumerType
public interface BoundedBuffers {

    /** Each collection as it is now. */
    List<BufferStatus> buffers();
}
