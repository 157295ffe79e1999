/**
 * Commands that run both as {@code bin/ledrl <name>} and as Gogo {@code ledrl:<name>}.
 */
@Export
@Version("1.0.0")
package org.ledrl.api.command;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
