package org.ledrl.api.policy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/** The {@code policy.name} service property of an {@link OffloadingPolicy}: put it on the component class. */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface PolicyName {
    String PROPERTY = "policy.name";

    String value();
}
