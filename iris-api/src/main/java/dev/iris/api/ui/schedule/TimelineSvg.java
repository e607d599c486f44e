package dev.iris.api.ui.schedule;

import dev.iris.common.http.Html;
import dev.iris.core.schedule.Segment;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One role's timeline as an SVG bar: a block per segment with the people on call, gaps (scheduled,
 * nobody on call) in red, unscheduled stretches blank, and a tick per day. SVG attributes rather
 * than inline styles, which the UI's Content-Security-Policy forbids.
 */
final class TimelineSvg
{
    private static final int WIDTH = 1000;
    private static final int BAR_Y = 18;
    private static final int BAR_HEIGHT = 34;
    private static final String GAP = "#d32f2f";
    private static final String[] COLORS = {"#5c8ee6", "#43a047", "#f9a825", "#8e24aa", "#00897b", "#6d4c41"};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d");

    private TimelineSvg() {}

    static String render(String role, List<Segment> segments, Instant from, Instant to, ZoneId zone, List<String> people)
    {
        double total = Duration.between(from, to).toSeconds();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(BAR_Y + BAR_HEIGHT + 4).append("\" data-role=\"").append(Html.escape(role)).append("\">");
        svg.append("<title>").append(Html.escape(role)).append(" on call</title>");
        for (ZonedDateTime day = from.atZone(zone).truncatedTo(ChronoUnit.DAYS).plusDays(1); day.toInstant().isBefore(to); day = day.plusDays(1)) {
            double x = x(day.toInstant(), from, total);
            svg.append("<line x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x)).append("\" y1=\"12\" y2=\"")
                    .append(BAR_Y + BAR_HEIGHT).append("\" stroke=\"#ccc\"/>");
            svg.append("<text x=\"").append(fmt(x + 2)).append("\" y=\"10\" font-size=\"9\" fill=\"#666\">")
                    .append(Html.escape(DAY.format(day))).append("</text>");
        }
        for (Segment segment : segments) {
            double x = x(segment.start(), from, total);
            double width = Math.max(0.5, x(segment.end(), from, total) - x);
            String label = segment.isGap() ? "nobody on call" : String.join(", ", segment.users());
            String fill = segment.isGap() ? GAP : segment.users().isEmpty() ? "none" : COLORS[Math.floorMod(people.indexOf(segment.users().get(0)), COLORS.length)];
            String kind = segment.isGap() ? "gap" : segment.users().isEmpty() ? "unscheduled" : "oncall";
            svg.append("<g class=\"segment ").append(kind).append("\" data-users=\"").append(Html.escape(label)).append("\">");
            svg.append("<title>").append(Html.escape(label)).append("</title>");
            svg.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(BAR_Y).append("\" width=\"").append(fmt(width))
                    .append("\" height=\"").append(BAR_HEIGHT).append("\" fill=\"").append(fill).append("\" stroke=\"#fff\"/>");
            if (width > 40 && !segment.users().isEmpty()) {
                svg.append("<text x=\"").append(fmt(x + 4)).append("\" y=\"").append(BAR_Y + 22).append("\" font-size=\"12\" fill=\"#fff\">")
                        .append(Html.escape(label)).append("</text>");
            }
            svg.append("</g>");
        }
        return svg.append("</svg>").toString();
    }

    private static double x(Instant instant, Instant from, double total)
    {
        return WIDTH * Duration.between(from, instant).toSeconds() / total;
    }

    private static String fmt(double value)
    {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
