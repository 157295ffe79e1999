package org.ledrl.console.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The service properties that make a servlet a Felix Web Console page: {@code felix.webconsole.label}
 * (its path under the console), {@code felix.webconsole.title} (its name in the menu) and
 * {@code felix.webconsole.css} (its style sheets, which the console links in the page head).
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@interface ConsolePage {
    String PREFIX_ = "felix.webconsole.";

    String label();

    String title();

    /** Style sheets, relative to the console root, e.g. {@code /label/res/page.css}. */
    String[] css() default {};
}
