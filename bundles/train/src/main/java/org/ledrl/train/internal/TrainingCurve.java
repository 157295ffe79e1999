package org.ledrl.train.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.ledrl.policy.mappo.CurvePoint;

/**
 * The training figures, one row per PPO update (its episode is the last of the update's episodes), written as
 * {@code curve.csv} and drawn as {@code curve.png} and {@code diagnostics.png}. The validation success rate (greedy
 * actions on fixed validation episodes, with its 95% interval over the validation seeds) is there every few
 * updates, and before the first as episode 0, whose training cells are blank; other rows leave it blank. The
 * diagnostics say why a run learns or stalls: the critic's loss and explained variance, the approximate KL and clip
 * fraction of the update, the policy's entropy, the gradient norms of actor and critic, the learning rate.
 */
final class TrainingCurve {

    static final String HEADER = "episode,mean_return,success_rate,decisions,elapsed_s,validation_success_rate,"
            + "validation_misleading_success_rate,validation_ci95,decisions_per_s,value_loss,explained_variance,"
            + "approx_kl,clip_fraction,entropy,actor_grad_norm,critic_grad_norm,learning_rate";

    /** What an update showed of the learning; NaN where unknown. */
    record Diagnostics(double decisionsPerS, double valueLoss, double explainedVariance, double approxKl,
                       double clipFraction, double entropy, double actorGradNorm, double criticGradNorm,
                       double learningRate) {
        static final Diagnostics NONE = new Diagnostics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        double[] values() {
            return new double[] {decisionsPerS, valueLoss, explainedVariance, approxKl, clipFraction, entropy,
                    actorGradNorm, criticGradNorm, learningRate};
        }

        static Diagnostics of(double[] v) {
            return new Diagnostics(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
        }
    }

    /**
     * One row; NaN for a figure the row does not have. The validation success rates are with honest priors (or
     * none, for an actor without priors) and, for a prior-consuming actor, with deliberately misleading priors.
     */
    record Point(int episode, double meanReturn, double successRate, int decisions, double elapsedS,
                 ValidationResult validation, Diagnostics diagnostics) {

        Point(int episode, double meanReturn, double successRate, int decisions, double elapsedS,
              Diagnostics diagnostics) {
            this(episode, meanReturn, successRate, decisions, elapsedS, ValidationResult.NONE, diagnostics);
        }

        static Point validationOnly(int episode, ValidationResult validation) {
            return new Point(episode, Double.NaN, Double.NaN, 0, 0, validation, Diagnostics.NONE);
        }

        Point withValidation(ValidationResult validation) {
            return new Point(episode, meanReturn, successRate, decisions, elapsedS, validation, diagnostics);
        }

        double validationSuccess() {
            return validation.honest();
        }

        double validationMisleadingSuccess() {
            return validation.misleading();
        }

        boolean trained() {
            return !Double.isNaN(successRate);
        }
    }

    private final List<Point> points = new ArrayList<>();

    void add(Point point) {
        points.add(point);
    }

    List<Point> points() {
        return List.copyOf(points);
    }

    /** Reads a curve written before, up to and including {@code lastEpisode} (a resumed run continues it). */
    static TrainingCurve read(Path csv, int lastEpisode) throws IOException {
        TrainingCurve curve = new TrainingCurve();
        if (!Files.exists(csv)) {
            return curve;
        }
        List<String> lines = Files.readAllLines(csv);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            try {
                double[] d = new double[9];
                for (int k = 0; k < d.length; k++) {
                    d[k] = f.length > 8 + k ? number(f[8 + k]) : Double.NaN;
                }
                Point p = new Point(Integer.parseInt(f[0]), number(f[1]), number(f[2]), Integer.parseInt(f[3]),
                        number(f[4]), new ValidationResult(f.length > 5 ? number(f[5]) : Double.NaN,
                        f.length > 6 ? number(f[6]) : Double.NaN, f.length > 7 ? number(f[7]) : Double.NaN),
                        Diagnostics.of(d));
                if (p.episode() <= lastEpisode) {
                    curve.add(p);
                }
            } catch (RuntimeException e) {
                throw new IOException(csv + " line " + (i + 1) + " is not a curve row: '" + lines.get(i) + "'", e);
            }
        }
        return curve;
    }

    /** A blank cell is NaN (a figure the row does not have). */
    private static double number(String cell) {
        return cell.isBlank() ? Double.NaN : Double.parseDouble(cell);
    }

    private static String cell(double value, int decimals) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Records the validation at {@code episode} (0: before training). */
    void validated(int episode, ValidationResult validation) {
        if (!points.isEmpty() && points.get(points.size() - 1).episode() == episode) {
            points.set(points.size() - 1, points.get(points.size() - 1).withValidation(validation));
        } else {
            points.add(Point.validationOnly(episode, validation));
        }
    }

    void writeCsv(Path csv) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Point p : points) {
            text.append(p.episode()).append(',').append(cell(p.meanReturn(), 5)).append(',')
                    .append(cell(p.successRate(), 5)).append(',').append(p.decisions()).append(',')
                    .append(cell(p.elapsedS(), 2)).append(',').append(cell(p.validation().honest(), 5)).append(',')
                    .append(cell(p.validation().misleading(), 5)).append(',')
                    .append(cell(p.validation().ci95(), 5));
            for (double d : p.diagnostics().values()) {
                text.append(',').append(cell(d, 6));
            }
            text.append('\n');
        }
        Path temp = csv.resolveSibling(csv.getFileName() + ".tmp");
        Files.writeString(temp, text);
        Files.move(temp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Success rate per episode (light) and its moving average over 10 episodes (dark), and the validation success
     * rate (orange dots; light orange with misleading priors), on [0,1].
     */
    void writePng(Path png, String title) throws IOException {
        int width = 800;
        int height = 450;
        int left = 60;
        int right = 20;
        int top = 40;
        int bottom = 50;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.LIGHT_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int plotW = width - left - right;
            int plotH = height - top - bottom;
            for (int k = 0; k <= 10; k += 2) {
                int y = top + plotH - plotH * k / 10;
                g.drawLine(left, y, left + plotW, y);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, "%.1f", k / 10.0), 25, y + 4);
                g.setColor(Color.LIGHT_GRAY);
            }
            g.setColor(Color.BLACK);
            g.drawRect(left, top, plotW, plotH);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, left, 25);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            List<Point> trained = points.stream().filter(Point::trained).toList();
            List<Point> validated = points.stream().filter(p -> !Double.isNaN(p.validationSuccess())).toList();
            int last = points.isEmpty() ? 1 : Math.max(1, points.get(points.size() - 1).episode());
            g.drawString("episode (1.." + last + ")", left + plotW / 2 - 40, height - 15);
            g.drawString("success rate", left, height - 15);
            int n = trained.size();
            double[] xs = new double[n];
            double[] raw = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = left + plotW * (trained.get(i).episode() / (double) last);
                raw[i] = trained.get(i).successRate();
            }
            double[] smooth = CurvePoint.movingAverage(trained.stream()
                    .map(p -> new CurvePoint(p.episode(), p.successRate())).toList(), 10)
                    .stream().mapToDouble(CurvePoint::successRate).toArray();
            draw(g, xs, raw, top, plotH, new Color(150, 180, 230), 1f);
            draw(g, xs, smooth, top, plotH, new Color(20, 60, 160), 2.5f);
            double[] vx = new double[validated.size()];
            double[] vy = new double[validated.size()];
            for (int i = 0; i < vx.length; i++) {
                vx[i] = left + plotW * (validated.get(i).episode() / (double) last);
                vy[i] = validated.get(i).validationSuccess();
            }
            double[] my = validated.stream().mapToDouble(Point::validationMisleadingSuccess).toArray();
            if (my.length > 0 && !Double.isNaN(my[0])) {
                draw(g, vx, my, top, plotH, new Color(235, 180, 130), 1.5f); // with misleading priors
            }
            Color validation = new Color(220, 110, 20);
            draw(g, vx, vy, top, plotH, validation, 2f);
            for (int i = 0; i < vx.length; i++) {
                g.fillOval((int) vx[i] - 3, (int) (top + plotH * (1 - vy[i])) - 3, 7, 7);
            }
            if (vx.length > 0) {
                g.drawString("validation (greedy, fixed episodes; light: misleading priors)", width - right - 380,
                        height - 15);
            }
        } finally {
            g.dispose();
        }
        writeImage(image, png);
    }

    /** Writes a chart beside, then moves it in: a reader never sees half a PNG. */
    static void writeImage(BufferedImage image, Path png) throws IOException {
        Path temp = png.resolveSibling(png.getFileName() + ".tmp");
        ImageIO.write(image, "png", temp.toFile());
        Files.move(temp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void draw(Graphics2D g, double[] xs, double[] ys, int top, int plotH, Color color, float width) {
        g.setColor(color);
        g.setStroke(new BasicStroke(width));
        for (int i = 1; i < xs.length; i++) {
            g.drawLine((int) xs[i - 1], (int) (top + plotH * (1 - ys[i - 1])), (int) xs[i],
                    (int) (top + plotH * (1 - ys[i])));
        }
    }
}
