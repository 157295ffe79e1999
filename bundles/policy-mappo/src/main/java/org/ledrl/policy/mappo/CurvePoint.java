package org.ledrl.policy.mappo;

import java.util.ArrayList;
import java.util.List;

/**
 * One point of a training curve: the success rate of a training episode (actions sampled from the policy as it was
 * then). The trainer writes them as {@code curve.csv} (columns {@code episode,mean_return,success_rate,...}); policy
 * bundles ship that file with their model, and the experiment report draws the convergence chart from it.
 */
public record CurvePoint(int episode, double successRate) {

    /**
     * Parses a trainer's {@code curve.csv}.
     *
     * @throws IllegalArgumentException naming {@code source}, the line and the value that cannot be read
     */
    public static List<CurvePoint> parse(String csv, String source) {
        List<CurvePoint> points = new ArrayList<>();
        String[] lines = csv.split("\n");
        if (lines.length == 0 || !lines[0].startsWith("episode,") || !lines[0].contains("success_rate")) {
            throw new IllegalArgumentException(source + ": not a training curve (header must name episode and "
                    + "success_rate)");
        }
        List<String> header = List.of(lines[0].trim().split(","));
        int column = header.indexOf("success_rate");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] cells = lines[i].trim().split(",");
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
     * The first episode from which the curve's moving average (over {@code window} episodes) stays at or above
     * {@code share} of the final rate (the mean of the last {@code window} episodes); -1 for an empty curve.
     * "Episodes to reach 95% of the final success rate" is {@code episodesToReach(points, 0.95, 10)}.
     */
    public static int episodesToReach(List<CurvePoint> points, double share, int window) {
        if (points.isEmpty()) {
            return -1;
        }
        int n = points.size();
        double[] smooth = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            int from = Math.max(0, i - window + 1);
            for (int j = from; j <= i; j++) {
                sum += points.get(j).successRate();
            }
            smooth[i] = sum / (i - from + 1);
        }
        double target = share * smooth[n - 1];
        int reached = n - 1;
        for (int i = n - 1; i >= 0 && smooth[i] >= target; i--) {
            reached = i;
        }
        return points.get(reached).episode();
    }
}
