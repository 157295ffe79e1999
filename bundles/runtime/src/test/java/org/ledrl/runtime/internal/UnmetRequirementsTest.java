package org.ledrl.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnmetRequirementsTest {

    @Test
    void aMissingPackageInAMajorRangeIsSaidAsDotX() {
        assertEquals("needs package com.example.missing 1.x, which no installed bundle exports",
                UnmetRequirements.describe("osgi.wiring.package",
                        "(&(osgi.wiring.package=com.example.missing)(version>=1.0.0)(!(version>=2.0.0)))"));
    }

    @Test
    void otherRangesAndNamespacesInWords() {
        assertEquals(" 1.2.0 to 3.0.0 (excluded)", UnmetRequirements.versions("(&(version>=1.2.0)(!(version>=3.0.0)))"));
        assertEquals(" 1.2.0 or later", UnmetRequirements.versions("(&(osgi.wiring.package=a)(version>=1.2.0))"));
        assertEquals("", UnmetRequirements.versions("(osgi.wiring.package=a)"));
        assertEquals("needs bundle org.example.core 2.x, which is not installed", UnmetRequirements.describe(
                "osgi.wiring.bundle", "(&(osgi.wiring.bundle=org.example.core)(bundle-version>=2.0.0)(!(bundle-version>=3.0.0)))"));
        assertEquals("needs the Java environment JavaSE 21.0.0, which this JVM is not", UnmetRequirements.describe(
                "osgi.ee", "(&(osgi.ee=JavaSE)(version=21.0.0))"));
        assertEquals("needs osgi.extender (osgi.extender=osgi.cdi), which no installed bundle offers",
                UnmetRequirements.describe("osgi.extender", "(osgi.extender=osgi.cdi)"));
    }

    @Test
    void aFailureIsItsExceptionsOwnMessage() {
        assertEquals("setting 'x' is out of range", RunningFaults.headline(
                "java.lang.IllegalArgumentException: setting 'x' is out of range\n\tat a.B.activate(B.java:1)"));
        assertEquals("no reason given", RunningFaults.headline(null));
        assertEquals("Component activation failed", RunningFaults.headline("Component activation failed"));
    }
}
