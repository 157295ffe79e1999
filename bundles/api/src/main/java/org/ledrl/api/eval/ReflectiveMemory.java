package org.ledrl.api.eval;

import java.util.List;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Reflection;

/**
 * Lessons distilled from past trajectories, recalled by relevance to what a node sees now. The
 * reflective evaluator provides it; prompt builders put what it recalls in the prompt's memory
 * section. Thread-safe and quick (no I/O on recall).
 */
@org.osgi.annotation.versioning.ProviderType
public interface ReflectiveMemory {

    /** Up to {@code limit} lessons most relevant to {@code observation}, most relevant first. */
    List<Reflection> recall(Observation observation, int limit);
}
