package org.ledrl.reflect.internal;

import org.ledrl.reflect.LessonRewriter;
import org.ledrl.reflect.MemorySettings;
import org.ledrl.reflect.ReflectiveEvaluator;
import org.ledrl.reflect.ReflectiveEvaluatorFactory;
import org.osgi.service.component.annotations.Component;

/** The memories of simulation runs: each a fresh {@link ReflectiveMemoryEngine} that keeps the rules' text. */
@Component(service = ReflectiveEvaluatorFactory.class)
public final class ReflectiveEvaluatorFactoryComponent implements ReflectiveEvaluatorFactory {

    @Override
    public ReflectiveEvaluator create(MemorySettings settings) {
        return new ReflectiveMemoryEngine(settings, () -> LessonRewriter.NONE);
    }
}
