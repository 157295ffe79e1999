package org.ledrl.policy.ledrl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The configuration every ONNX actor policy of this bundle takes: which model, which card, how often to check. */
@ObjectClassDefinition(name = "LeDRL policy model",
        description = "The ONNX actor a LeDRL policy decides with; empty fields use the model shipped with it.")
@interface ModelConfig {
    @AttributeDefinition(name = "Model file",
            description = "The actor's model.onnx. Empty: the pre-trained model shipped with the platform.")
    String modelFile() default "";

    @AttributeDefinition(name = "Model card",
            description = "The model's JSON card. Empty: model-card.json in the model's folder.")
    String cardFile() default "";

    @AttributeDefinition(name = "Check interval (s)",
            description = "How often the model and card files are checked for a new version; 0 turns it off.")
    int checkSeconds() default 2;
}
