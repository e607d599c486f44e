package dev.iris.api.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Cleaning and echoing the values of the list pages' filter forms: blank means no filter, a date
 * is a day ({@code yyyy-MM-dd}) in the user's time zone, and an invalid date is no filter.
 */
final class FilterForms
{
    private FilterForms() {}

    static String blankToNull(String value)
    {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static String validDate(String value)
    {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).toString();
        }
        catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The start of a "from" day, or null.
     */
    static Instant dayStart(String day, ZoneId zone)
    {
        return day == null ? null : LocalDate.parse(day).atStartOfDay(zone).toInstant();
    }

    /**
     * The end of a "to" day, so "to 2026-11-21" includes that day; or null.
     */
    static Instant dayEnd(String day, ZoneId zone)
    {
        return day == null ? null : LocalDate.parse(day).plusDays(1).atStartOfDay(zone).toInstant();
    }

    /**
     * The set values as a query string (without "?"), in the map's order, for links.
     */
    static String queryString(Map<String, String> values)
    {
        return values.entrySet().stream()
                .filter(entry -> entry.getValue() != null)
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
