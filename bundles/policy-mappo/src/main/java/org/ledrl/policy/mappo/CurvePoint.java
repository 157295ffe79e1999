package org.ledrl.policy.mappo;

import java.util.ArrayList;
import java.util.List;

/**
 * One point of a training curve: a success rate at a training episode. The trainer writes them as {@code curve.csv}
 * (columns {@code episode,mean_return,success_rate,...}, and in newer files a last column
 * {@code validation_success_rate}); policy bundles ship that file with their model, and the experiment report draws
 * the convergence charts from it.
 */
public record CurvePoint(int episode, double successRate) {

    private static final String TRAINING_COLUMN = "success_rate";
    private static final String VALIDATION_COLUMN = "validation_success_rate";

    /**
     * The success rate per training episode (actions sampled from the policy as it was then), from a trainer's
     * {@code curve.csv}. Rows without a training success rate, such as the validation row before training
     * (episode 0), are skipped.
     *
     * @throws IllegalArgumentException naming {@code source}, the line and the value that cannot be read
     */
    public static List<CurvePoint> parse(String csv, String source) {
        String[] lines = csv.split("\n");
        return column(lines, header(lines, source).indexOf(TRAINING_COLUMN), source);
    }

    /**
     * The success rate on the trainer's fixed validation episodes (greedy actions, every few training episodes and
     * once before training), from the {@code validation_success_rate} column of a trainer's {@code curve.csv}; empty
     * for a file written before the trainer validated. Unlike the training rate it does not depend on the episodes
     * the trainer happened to draw, so it shows convergence without their noise.
     *
     * @throws IllegalArgumentException naming {@code source}, the line and the value that cannot be read
     */
    public static List<CurvePoint> parseValidation(String csv, String source) {
        String[] lines = csv.split("\n");
        int column = header(lines, source).indexOf(VALIDATION_COLUMN);
        return column < 0 ? List.of() : column(lines, column, source);
    }

    private static List<String> header(String[] lines, String source) {
        List<String> header = lines.length == 0 ? List.of() : List.of(lines[0].trim().split(","));
        if (header.isEmpty() || !header.get(0).equals("episode") || !header.contains(TRAINING_COLUMN)) {
            throw new IllegalArgumentException(source + ": not a training curve (header must name episode and "
                    + TRAINING_COLUMN + ")");
        }
        return header;
    }

    /** The points of one column, skipping rows whose cell in it is blank or missing. */
    private static List<CurvePoint> column(String[] lines, int column, String source) {
        List<CurvePoint> points = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] cells = lines[i].trim().split(",", -1);
            if (column >= cells.length || cells[column].isBlank()) {
                continue;
            }
            try {
                points.add(new CurvePoint(Integer.parseInt(cells[0]), Double.parseDouble(cells[column])));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": cannot read '" + lines[i].trim()
                        + "'");
            }
        }
        return List.copyOf(points);
    }

    /**
     * The first episode from which the curve's moving average (over {@code window} points) stays at or above
     * {@code share} of the final rate (the mean of the last {@code window} points); -1 for an empty curve.
     * "Episodes to reach 95% of the final success rate" is {@code episodesToReach(points, 0.95, 10)} for the training
     * curve (a point per episode) and {@code episodesToReach(points, 0.95, 3)} for the validation curve (a point
     * every few episodes).
     */
    public static int episodesToReach(List<CurvePoint> points, double share, int window) {
        if (points.isEmpty()) {
            return -1;
        }
        List<CurvePoint> smooth = movingAverage(points, window);
        double target = share * smooth.get(smooth.size() - 1).successRate();
        int reached = smooth.size() - 1;
        for (int i = smooth.size() - 1; i >= 0 && smooth.get(i).successRate() >= target; i--) {
            reached = i;
        }
        return smooth.get(reached).episode();
    }

    /** The curve's moving average over {@code window} points (fewer at the start), at the same episodes. */
    public static List<CurvePoint> movingAverage(List<CurvePoint> points, int window) {
        List<CurvePoint> smooth = new ArrayList<>(points.size());
        double sum = 0;
        for (int i = 0; i < points.size(); i++) {
            sum += points.get(i).successRate() - (i >= window ? points.get(i - window).successRate() : 0);
            smooth.add(new CurvePoint(points.get(i).episode(), sum / Math.min(i + 1, window)));
        }
        return List.copyOf(smooth);
    }
}
