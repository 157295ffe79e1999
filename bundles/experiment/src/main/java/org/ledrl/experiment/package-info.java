/** Results of runs in the experiment's file format, for runs measured outside the experiment command. */
@Export
@Version("1.0.0")
package org.ledrl.experiment;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
