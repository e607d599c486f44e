package dev.iris.api.ui;

import dev.iris.common.http.Html;

import java.util.List;
import java.util.Locale;

/**
 * Bar charts drawn on the server as inline SVG: no charting script, readable on a phone, styled
 * by the page's CSS (so dark mode applies). Labels are escaped here because the markup goes into
 * the page unescaped.
 */
public final class SvgCharts
{
    private static final int WIDTH = 600;
    private static final int HEIGHT = 220;
    private static final int LEFT = 64;
    private static final int BOTTOM = 44;
    private static final int TOP = 12;
    /** Up to this many bars carry their value as text (a month of days). */
    private static final int MAX_VALUE_LABELS = 31;

    /**
     * One bar.
     */
    public record Bar(String label, double value) {}

    private SvgCharts() {}

    /**
     * A vertical bar chart; with many bars only some labels are written, so they do not overlap.
     */
    public static String bars(String title, List<Bar> bars, String unit)
    {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", WIDTH, HEIGHT, Html.escape(title)));
        svg.append("<title>").append(Html.escape(title)).append("</title>");
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        double scaleMax = max <= 0 ? 1 : niceCeiling(max);
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int plotWidth = WIDTH - LEFT - 8;
        svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT, TOP + plotHeight, WIDTH - 8, TOP + plotHeight));
        for (int tick = 0; tick <= 4; tick++) {
            double value = scaleMax * tick / 4;
            int y = TOP + plotHeight - (int) Math.round(plotHeight * tick / 4.0);
            svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT - 4, y, WIDTH - 8, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", LEFT - 6, y + 4, format(value)));
        }
        if (bars.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">No data</text>", LEFT + plotWidth / 2, TOP + plotHeight / 2));
        }
        int count = Math.max(bars.size(), 1);
        double slot = (double) plotWidth / count;
        double barWidth = Math.max(1, slot * 0.75);
        int labelEvery = Math.max(1, (int) Math.ceil(count / 6.0));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double height = plotHeight * bar.value() / scaleMax;
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            double y = TOP + plotHeight - height;
            svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %s%s</title></rect>",
                    x, y, barWidth, height, Html.escape(bar.label()), format(bar.value()), Html.escape(unit)));
            // The number itself, on the bar, when there is room: nobody should have to hover.
            if (bars.size() <= MAX_VALUE_LABELS && bar.value() > 0) {
                svg.append(String.format(Locale.ROOT, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>",
                        x + barWidth / 2, Math.max(TOP + 14, y - 4), format(bar.value())));
            }
            if (i % labelEvery == 0) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                        x + barWidth / 2, TOP + plotHeight + 26, Html.escape(shorten(bar.label()))));
            }
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static double niceCeiling(double max)
    {
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(double value)
    {
        if (value == Math.rint(value)) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "");
    }

    private static String shorten(String label)
    {
        return label.length() <= 12 ? label : label.substring(0, 11) + "…";
    }
}
