package org.ledrl.train.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ledrl.api.policy.PolicyTrainer;
import org.ledrl.api.policy.TrainingProgress;
import org.ledrl.api.policy.TrainingRequest;
import org.ledrl.api.policy.TrainingResult;
import org.ledrl.api.prior.PriorProvider;
import org.ledrl.ml.MlRuntime;
import org.ledrl.reflect.ReflectiveEvaluatorFactory;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The trainers of the prior-consuming policies: the same PPO trainer as {@code mappo} with a private simulated
 * prior board per episode. The prior provider is chosen by name with the training option {@code provider}
 * ({@code heuristic} by default; a real LLM provider, e.g. one replaying its answer cache, where installed).
 */
final class PriorTrainers {

    private PriorTrainers() {
    }

    /** The installed prior providers, tracked by a trainer component. */
    static final class Installed implements MappoTrainer.Providers {
        private final List<PriorProvider> providers = new CopyOnWriteArrayList<>();

        void add(PriorProvider provider) {
            providers.add(provider);
        }

        void remove(PriorProvider provider) {
            providers.remove(provider);
        }

        @Override
        public Optional<PriorProvider> find(String name) {
            return providers.stream().filter(p -> p.name().equals(name)).findFirst();
        }
    }

    /**
     * A trainer component of one prior-consuming algorithm, with its reference to the installed prior providers
     * (inherited by the components: the bundle's bnd instructions let DS see it). A component only declares its
     * algorithm and whether its actor aligns prior tokens.
     */
    abstract static class Base implements PolicyTrainer {
        private final Installed providers = new Installed();
        private volatile ReflectiveEvaluatorFactory memories;
        private final MappoTrainer trainer;

        Base(MlRuntime runtime, String algorithm, boolean aligned) {
            this.trainer = new MappoTrainer(runtime,
                    new MappoTrainer.Variant(algorithm, true, aligned, providers, () -> memories));
        }

        /** What makes an episode's reflective memory, for the training option {@code reflection}. */
        @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
                policyOption = ReferencePolicyOption.GREEDY)
        final void setMemories(ReflectiveEvaluatorFactory factory) {
            memories = factory;
        }

        final void unsetMemories(ReflectiveEvaluatorFactory factory) {
            if (memories == factory) {
                memories = null;
            }
        }

        @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
                policyOption = ReferencePolicyOption.GREEDY)
        final void addProvider(PriorProvider provider) {
            providers.add(provider);
        }

        final void removeProvider(PriorProvider provider) {
            providers.remove(provider);
        }

        @Override
        public String algorithm() {
            return trainer.algorithm();
        }

        @Override
        public TrainingResult train(TrainingRequest request, TrainingProgress progress) throws Exception {
            return trainer.train(request, progress);
        }
    }
}
