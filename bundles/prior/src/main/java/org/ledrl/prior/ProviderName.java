package org.ledrl.prior;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The {@code provider.name} service property of a {@link org.ledrl.api.prior.PriorProvider}: put it on
 * the component class. Users and the prior board select providers by it.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ProviderName {
    String PROPERTY = "provider.name";

    String value();
}
