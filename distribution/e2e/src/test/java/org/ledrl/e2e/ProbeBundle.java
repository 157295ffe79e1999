package org.ledrl.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.ledrl.e2e.probe.DeployProbe;

/** Builds the probe bundle: {@link DeployProbe} as its activator, under a symbolic name of the test's choice. */
final class ProbeBundle {

    private ProbeBundle() {
    }

    static byte[] jar(String symbolicName) throws IOException {
        return jar(symbolicName, "org.osgi.framework");
    }

    /** The probe with its own Import-Package header, e.g. one that no installed bundle can satisfy. */
    static byte[] jar(String symbolicName, String importPackage) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", DeployProbe.class.getName());
        main.putValue("Import-Package", importPackage);
        main.putValue("Require-Capability", "osgi.ee;filter:=\"(&(osgi.ee=JavaSE)(version=17))\"");

        String classFile = DeployProbe.class.getName().replace('.', '/') + ".class";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest);
             InputStream in = Objects.requireNonNull(DeployProbe.class.getClassLoader().getResourceAsStream(classFile),
                     classFile + " is not on the test class path")) {
            jar.putNextEntry(new JarEntry(classFile));
            in.transferTo(jar);
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }
}
