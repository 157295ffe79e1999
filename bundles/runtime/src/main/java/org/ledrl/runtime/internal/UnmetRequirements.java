package org.ledrl.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.ExecutionEnvironmentNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;

/**
 * Why a bundle does not resolve, in the operator's words: each mandatory requirement that no installed
 * bundle offers, e.g. "needs package com.example.missing 1.x, which no installed bundle exports".
 */
final class UnmetRequirements {

    private static final Pattern NAME = Pattern.compile("\\((osgi\\.wiring\\.package|osgi\\.wiring\\.bundle|osgi\\.ee)=([^)]+)\\)");
    private static final Pattern AT_LEAST = Pattern.compile("(?<!!)\\((?:bundle-)?version>=([^)]+)\\)");
    private static final Pattern BELOW = Pattern.compile("\\(!\\((?:bundle-)?version>=([^)]+)\\)\\)");
    private static final Pattern EXACT = Pattern.compile("(?<!!)\\((?:bundle-)?version=([^)]+)\\)");

    private UnmetRequirements() {
    }

    /** The unmet requirements of an installed bundle, one phrase each; empty when each one is offered. */
    static List<String> of(Bundle bundle, Bundle[] installed) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return List.of();
        }
        List<String> unmet = new ArrayList<>();
        for (Requirement requirement : revision.getRequirements(null)) {
            Map<String, String> directives = requirement.getDirectives();
            if (Namespace.RESOLUTION_OPTIONAL.equals(directives.get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))
                    || !Namespace.EFFECTIVE_RESOLVE.equals(directives.getOrDefault(
                    Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE, Namespace.EFFECTIVE_RESOLVE))
                    || requirement.getNamespace().startsWith("osgi.identity")) {
                continue;
            }
            String filter = directives.getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, "");
            if (!offered(requirement.getNamespace(), filter, bundle, installed)) {
                unmet.add(describe(requirement.getNamespace(), filter));
            }
        }
        return unmet;
    }

    private static boolean offered(String namespace, String filterText, Bundle self, Bundle[] installed) {
        Filter filter;
        try {
            filter = filterText.isEmpty() ? null : FrameworkUtil.createFilter(filterText);
        } catch (InvalidSyntaxException e) {
            return false;
        }
        for (Bundle other : installed) {
            BundleRevision revision = other.adapt(BundleRevision.class);
            if (revision == null || other.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            for (Capability capability : revision.getCapabilities(namespace)) {
                if (filter == null || filter.matches(capability.getAttributes())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One requirement in words. */
    static String describe(String namespace, String filter) {
        Matcher name = NAME.matcher(filter);
        String what = name.find() ? name.group(2) : filter;
        String versions = versions(filter);
        return switch (namespace) {
            case PackageNamespace.PACKAGE_NAMESPACE ->
                    "needs package " + what + versions + ", which no installed bundle exports";
            case BundleNamespace.BUNDLE_NAMESPACE -> "needs bundle " + what + versions + ", which is not installed";
            case ExecutionEnvironmentNamespace.EXECUTION_ENVIRONMENT_NAMESPACE ->
                    "needs the Java environment " + what + versions + ", which this JVM is not";
            default -> "needs " + namespace + " " + filter + ", which no installed bundle offers";
        };
    }

    /** " 1.x", " 1.2.0 or later", " 1.2.0 to 3.0.0 (excluded)", " 2.0.0", or "" when any version does. */
    static String versions(String filter) {
        Matcher exact = EXACT.matcher(filter);
        if (exact.find()) {
            return " " + exact.group(1);
        }
        Matcher low = AT_LEAST.matcher(filter);
        Matcher high = BELOW.matcher(filter);
        String from = low.find() ? low.group(1) : null;
        String below = high.find() ? high.group(1) : null;
        if (from == null && below == null) {
            return "";
        }
        if (from != null && below != null) {
            org.osgi.framework.Version a = org.osgi.framework.Version.parseVersion(from);
            org.osgi.framework.Version b = org.osgi.framework.Version.parseVersion(below);
            if (a.getMinor() == 0 && a.getMicro() == 0 && b.getMinor() == 0 && b.getMicro() == 0
                    && b.getMajor() == a.getMajor() + 1) {
                return " " + a.getMajor() + ".x";
            }
            return " " + a + " to " + b + " (excluded)";
        }
        return from != null ? " " + from + " or later" : " below " + below;
    }
}
