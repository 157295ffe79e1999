package org.ledrl.sim;

/**
 * A scenario (or topology) file that cannot be used: names the file, the key and the problem, e.g.
 * {@code paper-10.yaml: tasks.sizeKB: min 500 is greater than max 250}.
 */
public final class ScenarioException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String key;
    private final String problem;

    public ScenarioException(String source, String key, String problem) {
        super(source + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
        this.source = source;
        this.key = key;
        this.problem = problem;
    }

    /** The file (or other source) the scenario came from. */
    public String source() {
        return source;
    }

    /** The key at fault, dotted ({@code failures.linkRate}); empty when the whole file is at fault. */
    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }
}
