package dev.iris.api.ui;

import jakarta.ws.rs.QueryParam;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The stats page's range: the last 7, 30 or 90 days (UTC days, today included), or the days from
 * {@code from} to {@code to} (at most a year). Anything unreadable is the last 30 days.
 */
public record StatsRange(String choice, LocalDate first, LocalDate last)
{
    public static final List<String> CHOICES = List.of("7", "30", "90");
    private static final int LONGEST_DAYS = 366;

    static StatsRange of(String days, String from, String to, LocalDate today)
    {
        if ("custom".equals(days)) {
            LocalDate first = FilterForms.validDate(from) == null ? null : LocalDate.parse(FilterForms.validDate(from));
            LocalDate last = FilterForms.validDate(to) == null ? today : LocalDate.parse(FilterForms.validDate(to));
            if (first != null && !first.isAfter(last) && ChronoUnit.DAYS.between(first, last) < LONGEST_DAYS) {
                return new StatsRange("custom", first, last);
            }
        }
        String choice = days != null && CHOICES.contains(days) ? days : "30";
        return new StatsRange(choice, today.minusDays(Integer.parseInt(choice) - 1L), today);
    }

    public long days()
    {
        return ChronoUnit.DAYS.between(first, last) + 1;
    }

    public String describe()
    {
        return "custom".equals(choice) ? first + " to " + last : "The last " + choice + " days";
    }

    /**
     * The query parameters.
     */
    public static final class Params
    {
        @QueryParam("days")
        private String days;

        @QueryParam("from")
        private String from;

        @QueryParam("to")
        private String to;

        StatsRange range(LocalDate today)
        {
            return StatsRange.of(days, from, to, today);
        }
    }
}
