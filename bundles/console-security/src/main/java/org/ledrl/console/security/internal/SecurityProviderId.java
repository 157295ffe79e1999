package org.ledrl.console.security.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The Web Console's {@code webconsole.security.provider.id} service property: the console lists
 * required provider ids in the framework property {@code felix.webconsole.security.providers} and
 * serves nothing until each of them is registered.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@interface SecurityProviderId {

    String PREFIX_ = "webconsole.";

    String value();
}
