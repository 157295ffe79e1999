package org.ledrl.experiment.internal;

import org.ledrl.reflect.ReflectiveEvaluatorFactory;
import org.ledrl.reflect.internal.ReflectiveEvaluatorFactoryComponent;

/** The reflect bundle's factory of run memories, as DS gives it to the experiment command. */
final class TestMemories {

    static final ReflectiveEvaluatorFactory MEMORIES = new ReflectiveEvaluatorFactoryComponent();

    private TestMemories() {
    }
}
