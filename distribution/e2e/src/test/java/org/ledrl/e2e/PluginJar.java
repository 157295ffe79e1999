package org.ledrl.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A plugin bundle built by a test: a symbolic name and version, imports, the fixture classes of
 * {@code org.ledrl.e2e.probe}, and either an activator or one Declarative Services component.
 */
final class PluginJar {

    private final String symbolicName;
    private final String version;
    private String imports = "org.osgi.framework";
    private String activator;
    private String component;
    private final List<Class<?>> classes = new ArrayList<>();

    private PluginJar(String symbolicName, String version) {
        this.symbolicName = symbolicName;
        this.version = version;
    }

    static PluginJar bundle(String symbolicName, String version) {
        return new PluginJar(symbolicName, version);
    }

    PluginJar imports(String importPackage) {
        this.imports = importPackage;
        return this;
    }

    PluginJar activator(Class<?> type) {
        this.activator = type.getName();
        classes.add(type);
        return this;
    }

    /** One immediate DS component of {@code type}; {@code service} (may be null) and a policy name if it is one. */
    PluginJar component(Class<?> type, String service, String policyName, Class<?>... more) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"" + symbolicName
                + "\" immediate=\"true\"" + (hasActivate(type) ? " activate=\"activate\"" : "") + ">\n"
                + "  <implementation class=\"" + type.getName() + "\"/>\n");
        if (service != null) {
            xml.append("  <service><provide interface=\"").append(service).append("\"/></service>\n")
                    .append("  <property name=\"policy.name\" value=\"").append(policyName).append("\"/>\n")
                    .append("  <property name=\"service.ranking\" type=\"Integer\" value=\"1000\"/>\n");
        }
        component = xml.append("</scr:component>\n").toString();
        classes.add(type);
        classes.addAll(List.of(more));
        return this;
    }

    private static boolean hasActivate(Class<?> type) {
        return Stream.of(type.getMethods()).anyMatch(m -> m.getName().equals("activate"));
    }

    byte[] build() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        main.putValue("Import-Package", imports);
        main.putValue("Require-Capability", "osgi.ee;filter:=\"(&(osgi.ee=JavaSE)(version=17))\"");
        if (activator != null) {
            main.putValue("Bundle-Activator", activator);
        }
        if (component != null) {
            main.putValue("Service-Component", "OSGI-INF/component.xml");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            if (component != null) {
                jar.putNextEntry(new JarEntry("OSGI-INF/component.xml"));
                jar.write(component.getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
            for (Class<?> type : classes) {
                String file = type.getName().replace('.', '/') + ".class";
                try (InputStream in = Objects.requireNonNull(type.getClassLoader().getResourceAsStream(file), file)) {
                    jar.putNextEntry(new JarEntry(file));
                    in.transferTo(jar);
                    jar.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }
}
