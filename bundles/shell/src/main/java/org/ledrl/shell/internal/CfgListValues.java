package org.ledrl.shell.internal;

import java.util.Dictionary;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets every setting be written in a {@code conf/*.cfg} file, where each value is one string: a
 * list-valued setting (a {@code String[]} in its component's Metatype) written {@code a, b, c} or
 * {@code ["a", "b"]} reaches the component as a list. A value that already is a list (the typed
 * {@code .config} format, the Web Console) is left as it is. A key that one of the platform's own
 * components ({@code org.ledrl.*}) does not know is logged once at WARN with the nearest known key:
 * a misspelt key would otherwise be ignored without a word.
 *
 * <p>Configuration Admin applies this plugin to what it hands to Declarative Services; the shell
 * bundle starts before the plugins (start level 3) so that no component sees a configuration
 * without it.
 */
@Component(service = ConfigurationPlugin.class, property = ConfigurationPlugin.CM_RANKING + ":Integer=100")
public final class CfgListValues implements ConfigurationPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(CfgListValues.class);
    /** Unknown keys are reported for the platform's own components, whose Metatype lists every setting. */
    private static final String OWN_PIDS = "org.ledrl.";
    /** Unknown keys already reported, by PID; bounded by the keys operators write. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final BundleContext context;
    private final MetaTypeService metatype;

    @Activate
    public CfgListValues(BundleContext context, @Reference MetaTypeService metatype) {
        this.context = context;
        this.metatype = metatype;
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        Object factoryPid = properties.get(ConfigurationAdmin.SERVICE_FACTORYPID);
        Object pid = factoryPid != null ? factoryPid : properties.get(Constants.SERVICE_PID);
        if (!(pid instanceof String id)) {
            return;
        }
        ObjectClassDefinition definition = definition(id, factoryPid != null);
        if (definition == null) {
            return;
        }
        AttributeDefinition[] attributes = definition.getAttributeDefinitions(ObjectClassDefinition.ALL);
        Set<String> known = new HashSet<>();
        for (AttributeDefinition attribute : attributes == null ? new AttributeDefinition[0] : attributes) {
            known.add(attribute.getID());
            Object value = properties.get(attribute.getID());
            if (attribute.getCardinality() != 0 && value instanceof String text) {
                properties.put(attribute.getID(), CfgValues.split(text));
            }
        }
        if (!id.startsWith(OWN_PIDS)) {
            return; // other bundles' settings may take keys their Metatype leaves out (prefixes, extensions)
        }
        List<String> unknown = CfgValues.unknownKeys(properties, known);
        for (String key : unknown) {
            if (reported.add(id + "|" + key)) {
                String nearest = CfgValues.nearest(key, known);
                LOG.warn("Configuration {}: '{}' is not a setting of '{}', it is ignored{}", id, key,
                        definition.getName(), nearest == null ? "; the settings are " + String.join(", ", known.stream()
                                .sorted().toList()) : "; did you mean '" + nearest + "'?");
            }
        }
    }

    private ObjectClassDefinition definition(String pid, boolean factory) {
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation information = metatype.getMetaTypeInformation(bundle);
            if (information == null) {
                continue;
            }
            String[] pids = factory ? information.getFactoryPids() : information.getPids();
            for (String candidate : pids == null ? new String[0] : pids) {
                if (candidate.equals(pid)) {
                    return information.getObjectClassDefinition(pid, null);
                }
            }
        }
        return null;
    }
}
