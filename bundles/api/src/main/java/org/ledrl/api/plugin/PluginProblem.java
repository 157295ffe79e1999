package org.ledrl.api.plugin;

import java.util.Objects;

/**
 * A plugin that does not run as its file in {@code deploy/} asks, or that was put back to its previous
 * version.
 *
 * @param file        the file's name in {@code deploy/}
 * @param bundle      the bundle, {@code symbolic-name version}, or the file name when it is no bundle
 * @param reason      what is wrong, in plain words (e.g. "needs package com.example.missing 1.x, which no
 *                    installed bundle exports", or "rolled back: ...")
 * @param sinceMillis when the problem was first seen, epoch milliseconds
 */
public record PluginProblem(String file, String bundle, String reason, long sinceMillis) {

    public PluginProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(reason, "reason");
    }

    /** One line: {@code deploy/<file> (<bundle>): <reason>}. */
    public String describe() {
        return "deploy/" + file + " (" + bundle + "): " + reason;
    }
}
