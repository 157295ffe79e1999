package org.ledrl.live.internal;

import java.io.PrintStream;
import org.ledrl.api.plugin.PluginProblem;
import org.ledrl.api.plugin.PluginProblems;

/** The part of {@code status} that lists the plugins of deploy/ that do not run, or were rolled back. */
final class PluginProblemsSection {

    private PluginProblemsSection() {
    }

    static void print(PrintStream out, PluginProblems problems) {
        out.println();
        if (problems == null || problems.current().isEmpty()) {
            out.println("Plugins (deploy/): no problem.");
            return;
        }
        out.println("Plugins (deploy/) that do not run as asked:");
        for (PluginProblem problem : problems.current()) {
            out.println("  " + problem.describe());
        }
    }
}
