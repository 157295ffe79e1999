package org.ledrl.live;

/**
 * A request the live runtime cannot take: names the field and the problem, so that a REST client
 * gets a 400 and an MQTT gateway an error reply it can act on. Nothing is stored or changed when
 * it is thrown.
 */
public final class InvalidRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    /**
     * @param field   the request field at fault, e.g. {@code sizeKB}, or {@code ""} for the request as a whole
     * @param problem what is wrong with it, e.g. {@code must be a positive number, was -3}
     */
    public InvalidRequestException(String field, String problem) {
        super(field.isEmpty() ? problem : field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
