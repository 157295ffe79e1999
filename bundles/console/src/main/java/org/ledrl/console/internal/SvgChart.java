package org.ledrl.console.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small time chart of the activity window as inline SVG: no script, no external file, so it
 * passes any content security policy that allows the console page itself. Each series spreads its
 * values evenly over the window (one value a time slot, oldest first; NaN where there is nothing to
 * measure, which leaves a gap); the y axis starts at zero and ends at a round number, the x axis
 * shows clock times. Series differ by line style and marker as well as by colour, and every bar and
 * point carries its exact value as a tooltip.
 */
final class SvgChart {

    /** How a series is drawn. */
    enum Style {
        /** one bar a slot */
        BARS,
        /** a solid line with round markers */
        LINE,
        /** a dashed line with square markers */
        DASHED
    }

    private record Series(String name, String colour, Style style, double[] values) {
    }

    private record Reference(String label, String colour, double value) {
    }

    private static final int WIDTH = 400;
    private static final int HEIGHT = 210;
    private static final int LEFT = 50;
    private static final int RIGHT = WIDTH - 14;
    private static final int TOP = 40;
    private static final int BOTTOM = HEIGHT - 36;
    private static final long MINUTE = 60_000;
    private static final long[] TIME_STEPS_MINUTES = {1, 2, 5, 10, 15, 30, 60, 120, 240, 720, 1440};

    private final String id;
    private final String title;
    private final String unit;
    private final long fromMillis;
    private final long toMillis;
    private final DateTimeFormatter clock;
    private final List<Series> series = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private double fixedTop = Double.NaN;
    private String empty = "nothing measured yet";

    /**
     * @param id         element id of the chart, unique on the page
     * @param title      what it shows, also its accessible name
     * @param unit       unit of the y axis
     * @param fromMillis start of the window
     * @param toMillis   end of the window
     * @param clock      how clock times on the x axis and in tooltips are written (with its zone)
     */
    SvgChart(String id, String title, String unit, long fromMillis, long toMillis, DateTimeFormatter clock) {
        if (toMillis <= fromMillis) {
            throw new IllegalArgumentException("chart " + id + ": the window ends (" + toMillis
                    + ") before it starts (" + fromMillis + ")");
        }
        this.id = id;
        this.title = title;
        this.unit = unit;
        this.fromMillis = fromMillis;
        this.toMillis = toMillis;
        this.clock = clock;
    }

    /** Adds a series: {@code values}, oldest first, spread evenly over the window. */
    SvgChart series(String name, String colour, Style style, double[] values) {
        series.add(new Series(name, colour, style, values.clone()));
        return this;
    }

    /** Adds a labelled horizontal line at {@code value} (left out when it is NaN). */
    SvgChart reference(String label, String colour, double value) {
        if (Double.isFinite(value)) {
            references.add(new Reference(label, colour, value));
        }
        return this;
    }

    /** Fixes the top of the y axis (e.g. 100 for a percentage) instead of fitting it to the values. */
    SvgChart top(double top) {
        this.fixedTop = top;
        return this;
    }

    /** What the chart says when no series has a value. */
    SvgChart whenEmpty(String text) {
        this.empty = text;
        return this;
    }

    String render() {
        Axis y = Axis.of(Double.isFinite(fixedTop) ? fixedTop : largestValue());
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns='http://www.w3.org/2000/svg' class='ledrl-chart' id='").append(Html.text(id))
                .append("' viewBox='0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("' role='img' aria-labelledby='").append(Html.text(id)).append("-title'")
                .append(" font-size='11' fill='#222'>");
        svg.append("<title id='").append(Html.text(id)).append("-title'>").append(Html.text(title)).append(" (")
                .append(Html.text(unit)).append(")</title>");
        svg.append("<text x='").append(LEFT).append("' y='14' font-weight='bold' font-size='12'>")
                .append(Html.text(title)).append("</text>");
        legend(svg);
        yAxis(svg, y);
        xAxis(svg);
        boolean anything = false;
        for (Series s : series) {
            anything |= draw(svg, s, y);
        }
        for (Reference r : references) {
            double at = yOf(r.value(), y);
            svg.append("<line x1='").append(LEFT).append("' x2='").append(RIGHT).append("' y1='").append(fmt(at))
                    .append("' y2='").append(fmt(at)).append("' stroke='").append(Html.text(r.colour()))
                    .append("' stroke-width='1.5' stroke-dasharray='2 3'><title>").append(Html.text(r.label()))
                    .append(": ").append(Html.text(value(r.value()))).append(' ').append(Html.text(unit))
                    .append("</title></line>");
        }
        if (!anything) {
            svg.append("<text class='ledrl-chart-empty' x='").append((LEFT + RIGHT) / 2).append("' y='")
                    .append((TOP + BOTTOM) / 2).append("' text-anchor='middle' fill='#777'>").append(Html.text(empty))
                    .append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    /** The legend on one line under the title: a swatch in the series' style, then its name. */
    private void legend(StringBuilder svg) {
        int x = LEFT;
        for (Series s : series) {
            swatch(svg, x, s.colour(), s.style());
            svg.append("<text x='").append(x + 22).append("' y='31'>").append(Html.text(s.name())).append("</text>");
            x += legendWidth(s.name());
        }
        for (Reference r : references) {
            svg.append("<line x1='").append(x).append("' x2='").append(x + 18).append("' y1='27' y2='27' stroke='")
                    .append(Html.text(r.colour())).append("' stroke-width='1.5' stroke-dasharray='2 3'/>");
            svg.append("<text x='").append(x + 22).append("' y='31'>").append(Html.text(r.label())).append("</text>");
            x += legendWidth(r.label());
        }
    }

    /** Swatch, text and a gap; the text width is estimated, as SVG cannot measure without a script. */
    private static int legendWidth(String name) {
        return 22 + (int) Math.ceil(6.5 * name.length()) + 16;
    }

    private static void swatch(StringBuilder svg, int x, String colour, Style style) {
        String c = Html.text(colour);
        switch (style) {
            case BARS -> svg.append("<rect x='").append(x + 4).append("' y='21' width='10' height='10' fill='")
                    .append(c).append("'/>");
            case LINE -> svg.append("<line x1='").append(x).append("' x2='").append(x + 18)
                    .append("' y1='27' y2='27' stroke='").append(c).append("' stroke-width='2'/><circle cx='")
                    .append(x + 9).append("' cy='27' r='2.5' fill='").append(c).append("'/>");
            case DASHED -> svg.append("<line x1='").append(x).append("' x2='").append(x + 18)
                    .append("' y1='27' y2='27' stroke='").append(c).append("' stroke-width='2' stroke-dasharray='5 3'/>")
                    .append("<rect x='").append(x + 6.5).append("' y='24.5' width='5' height='5' fill='").append(c)
                    .append("'/>");
        }
    }

    private void yAxis(StringBuilder svg, Axis y) {
        for (int i = 0; i <= y.ticks(); i++) {
            double value = i * y.step();
            double at = yOf(value, y);
            svg.append("<line x1='").append(LEFT).append("' x2='").append(RIGHT).append("' y1='").append(fmt(at))
                    .append("' y2='").append(fmt(at)).append("' stroke='").append(i == 0 ? "#888" : "#ddd")
                    .append("'/>");
            svg.append("<text x='").append(LEFT - 4).append("' y='").append(fmt(at + 4))
                    .append("' text-anchor='end'>").append(Html.text(tick(value, y))).append("</text>");
        }
        int middle = (TOP + BOTTOM) / 2;
        svg.append("<text x='12' y='").append(middle).append("' text-anchor='middle' transform='rotate(-90 12 ")
                .append(middle).append(")'>").append(Html.text(unit)).append("</text>");
    }

    /** Clock ticks at round minutes, at most six, and the axis name. */
    private void xAxis(StringBuilder svg) {
        long span = toMillis - fromMillis;
        long step = TIME_STEPS_MINUTES[TIME_STEPS_MINUTES.length - 1] * MINUTE;
        for (long minutes : TIME_STEPS_MINUTES) {
            if (span / (minutes * MINUTE) <= 5) {
                step = minutes * MINUTE;
                break;
            }
        }
        for (long t = Math.floorDiv(fromMillis + step - 1, step) * step; t <= toMillis; t += step) {
            double at = xOf(t);
            svg.append("<line x1='").append(fmt(at)).append("' x2='").append(fmt(at)).append("' y1='").append(BOTTOM)
                    .append("' y2='").append(BOTTOM + 4).append("' stroke='#888'/>");
            svg.append("<text x='").append(fmt(at)).append("' y='").append(BOTTOM + 15)
                    .append("' text-anchor='middle'>").append(Html.text(clock.format(Instant.ofEpochMilli(t))))
                    .append("</text>");
        }
        svg.append("<text x='").append((LEFT + RIGHT) / 2).append("' y='").append(HEIGHT - 4)
                .append("' text-anchor='middle' fill='#555'>time (this host)</text>");
    }

    /** Draws one series; true when it had at least one value. */
    private boolean draw(StringBuilder svg, Series s, Axis y) {
        int n = s.values().length;
        double slot = (RIGHT - LEFT) / (double) Math.max(1, n);
        long slotMillis = (toMillis - fromMillis) / Math.max(1, n);
        String colour = Html.text(s.colour());
        StringBuilder path = new StringBuilder();
        StringBuilder markers = new StringBuilder();
        boolean anything = false;
        boolean penDown = false;
        for (int i = 0; i < n; i++) {
            double v = s.values()[i];
            if (!Double.isFinite(v)) {
                penDown = false;
                continue;
            }
            if (s.style() == Style.BARS && v <= 0) {
                continue; // a bar of height zero: nothing to see or point at
            }
            anything = true;
            String tip = "<title>" + Html.text(clock.format(Instant.ofEpochMilli(fromMillis + i * slotMillis)) + " "
                    + s.name() + ": " + value(v) + " " + unit) + "</title>";
            double top = yOf(v, y);
            if (s.style() == Style.BARS) {
                double gap = Math.min(1.5, slot / 6);
                markers.append("<rect x='").append(fmt(LEFT + i * slot + gap)).append("' y='").append(fmt(top))
                        .append("' width='").append(fmt(Math.max(0.5, slot - 2 * gap))).append("' height='")
                        .append(fmt(BOTTOM - top)).append("' fill='").append(colour).append("'>").append(tip)
                        .append("</rect>");
                continue;
            }
            double x = LEFT + (i + 0.5) * slot;
            path.append(penDown ? " L" : " M").append(fmt(x)).append(' ').append(fmt(top));
            penDown = true;
            if (s.style() == Style.LINE) {
                markers.append("<circle cx='").append(fmt(x)).append("' cy='").append(fmt(top))
                        .append("' r='3' fill='").append(colour).append("'>").append(tip).append("</circle>");
            } else {
                markers.append("<rect x='").append(fmt(x - 3)).append("' y='").append(fmt(top - 3))
                        .append("' width='6' height='6' fill='").append(colour).append("'>").append(tip)
                        .append("</rect>");
            }
        }
        if (!path.isEmpty()) {
            svg.append("<path d='").append(path.toString().strip()).append("' fill='none' stroke='").append(colour)
                    .append("' stroke-width='2'").append(s.style() == Style.DASHED ? " stroke-dasharray='5 3'" : "")
                    .append("/>");
        }
        svg.append(markers);
        return anything;
    }

    private double largestValue() {
        double max = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        for (Reference r : references) {
            max = Math.max(max, r.value());
        }
        return max;
    }

    private double xOf(long millis) {
        return LEFT + (RIGHT - LEFT) * (millis - fromMillis) / (double) (toMillis - fromMillis);
    }

    private static double yOf(double value, Axis y) {
        double clamped = Math.max(0, Math.min(value, y.top()));
        return BOTTOM - (BOTTOM - TOP) * clamped / y.top();
    }

    /** A tick label: as many decimals as the axis step needs. */
    private static String tick(double v, Axis y) {
        return String.format(Locale.ROOT, "%." + y.decimals() + "f", v);
    }

    /** A value for a tooltip: four significant digits, no trailing zeros (3.25, 82.9, 1235). */
    private static String value(double v) {
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String fmt(double coordinate) {
        return String.format(Locale.ROOT, "%.1f", coordinate);
    }

    /**
     * A y axis from zero to a round top: a step of 1, 2 or 5 times a power of ten, at most five
     * steps.
     */
    record Axis(double step, int ticks) {

        static Axis of(double largest) {
            if (!(largest > 0) || !Double.isFinite(largest)) {
                return of(1);
            }
            double power = Math.pow(10, Math.floor(Math.log10(largest / 4)));
            for (double factor : new double[] {1, 2, 5, 10}) {
                double step = factor * power;
                int ticks = (int) Math.ceil(largest / step - 1e-9);
                if (ticks <= 5) {
                    return new Axis(step, Math.max(1, ticks));
                }
            }
            return new Axis(10 * power, 5);
        }

        double top() {
            return step * ticks;
        }

        int decimals() {
            return Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        }
    }
}
