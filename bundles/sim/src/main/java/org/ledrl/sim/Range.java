package org.ledrl.sim;

/** A closed interval {@code [min, max]} a scenario value is drawn from; written {@code [min, max]} in YAML. */
public record Range(double min, double max) {

    public static Range of(double value) {
        return new Range(value, value);
    }

    /** The value at fraction {@code u} in [0,1) of the way from min to max. */
    public double at(double u) {
        return min + (max - min) * u;
    }

    public double mid() {
        return (min + max) / 2;
    }

    /** The part of this range from fraction {@code from} to fraction {@code to}. */
    public Range slice(double from, double to) {
        return new Range(at(from), at(to));
    }
}
