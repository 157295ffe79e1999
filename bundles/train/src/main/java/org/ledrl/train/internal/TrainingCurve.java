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

/** Per-episode training figures, written as {@code curve.csv} and drawn as {@code curve.png}. */
final class TrainingCurve {

    static final String HEADER = "episode,mean_return,success_rate,decisions,elapsed_s";

    record Point(int episode, double meanReturn, double successRate, int decisions, double elapsedS) {
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
            String[] f = lines.get(i).split(",");
            try {
                Point p = new Point(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Integer.parseInt(f[3]), Double.parseDouble(f[4]));
                if (p.episode() <= lastEpisode) {
                    curve.add(p);
                }
            } catch (RuntimeException e) {
                throw new IOException(csv + " line " + (i + 1) + " is not a curve row: '" + lines.get(i) + "'", e);
            }
        }
        return curve;
    }

    void writeCsv(Path csv) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Point p : points) {
            text.append(String.format(Locale.ROOT, "%d,%.5f,%.5f,%d,%.2f%n", p.episode(), p.meanReturn(),
                    p.successRate(), p.decisions(), p.elapsedS()));
        }
        Path temp = csv.resolveSibling(csv.getFileName() + ".tmp");
        Files.writeString(temp, text);
        Files.move(temp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Success rate per episode (light) and its moving average over 10 episodes (dark), on [0,1]. */
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
            int n = points.size();
            int last = n == 0 ? 1 : Math.max(1, points.get(n - 1).episode());
            g.drawString("episode (1.." + last + ")", left + plotW / 2 - 40, height - 15);
            g.drawString("success rate", left, height - 15);
            double[] xs = new double[n];
            double[] raw = new double[n];
            double[] smooth = new double[n];
            double window = 0;
            for (int i = 0; i < n; i++) {
                xs[i] = left + plotW * (points.get(i).episode() / (double) last);
                raw[i] = points.get(i).successRate();
                window += raw[i] - (i >= 10 ? raw[i - 10] : 0);
                smooth[i] = window / Math.min(i + 1, 10);
            }
            draw(g, xs, raw, top, plotH, new Color(150, 180, 230), 1f);
            draw(g, xs, smooth, top, plotH, new Color(20, 60, 160), 2.5f);
        } finally {
            g.dispose();
        }
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
