/**
 * What an operator must see about plugins, the bundles dropped into {@code deploy/}: one that does not
 * install, resolve or start, and an update that was rolled back, each with its reason in plain words
 * ({@link org.ledrl.api.plugin.PluginProblems}). The {@code status} command and the REST health list them.
 */
@Export
@Version("1.0.0")
package org.ledrl.api.plugin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
