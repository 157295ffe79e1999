package org.ledrl.train.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * {@code diagnostics.png}: one small chart per update diagnostic against the episode, so that a stalled run shows
 * why it stalled (a critic that explains nothing, updates that change nothing or too much, a collapsed entropy).
 */
final class DiagnosticsChart {

    private record Panel(String title, ToDoubleFunction<TrainingCurve.Diagnostics> value) {
    }

    private static final List<Panel> PANELS = List.of(
            new Panel("explained variance (critic)", TrainingCurve.Diagnostics::explainedVariance),
            new Panel("value loss", TrainingCurve.Diagnostics::valueLoss),
            new Panel("approx. KL", TrainingCurve.Diagnostics::approxKl),
            new Panel("clip fraction", TrainingCurve.Diagnostics::clipFraction),
            new Panel("entropy", TrainingCurve.Diagnostics::entropy),
            new Panel("actor grad norm", TrainingCurve.Diagnostics::actorGradNorm),
            new Panel("critic grad norm", TrainingCurve.Diagnostics::criticGradNorm),
            new Panel("decisions / s", TrainingCurve.Diagnostics::decisionsPerS));

    private DiagnosticsChart() {
    }

    static void write(List<TrainingCurve.Point> points, Path png, String title) throws IOException {
        List<TrainingCurve.Point> trained = points.stream().filter(TrainingCurve.Point::trained).toList();
        int columns = 4;
        int panelW = 300;
        int panelH = 200;
        int top = 40;
        int width = columns * panelW;
        int height = top + 2 * panelH;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title + ": update diagnostics by episode", 10, 25);
            for (int i = 0; i < PANELS.size(); i++) {
                panel(g, trained, PANELS.get(i), (i % columns) * panelW, top + (i / columns) * panelH, panelW, panelH);
            }
        } finally {
            g.dispose();
        }
        TrainingCurve.writeImage(image, png);
    }

    private static void panel(Graphics2D g, List<TrainingCurve.Point> points, Panel panel, int x0, int y0, int w,
                              int h) {
        int left = x0 + 55;
        int right = x0 + w - 10;
        int top = y0 + 25;
        int bottom = y0 + h - 25;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int last = 1;
        for (TrainingCurve.Point p : points) {
            double v = panel.value().applyAsDouble(p.diagnostics());
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            last = Math.max(last, p.episode());
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        g.drawString(panel.title(), left, y0 + 17);
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(left, top, right - left, bottom - top);
        if (lo > hi) {
            g.drawString("no data", left + 10, (top + bottom) / 2);
            return;
        }
        if (hi - lo < 1e-12) {
            hi = lo + 1;
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString(format(hi), x0 + 2, top + 10);
        g.drawString(format(lo), x0 + 2, bottom);
        g.drawString("episode " + last, right - 80, bottom + 15);
        g.setColor(new Color(20, 60, 160));
        g.setStroke(new BasicStroke(1.5f));
        int px = -1;
        int py = -1;
        for (TrainingCurve.Point p : points) {
            double v = panel.value().applyAsDouble(p.diagnostics());
            if (!Double.isFinite(v)) {
                continue;
            }
            int x = left + (int) ((right - left) * (p.episode() / (double) last));
            int y = bottom - (int) ((bottom - top) * ((v - lo) / (hi - lo)));
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
    }

    private static String format(double v) {
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
