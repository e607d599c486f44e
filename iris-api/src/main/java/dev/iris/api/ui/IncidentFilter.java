package dev.iris.api.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The incident list's filters as the form sends them, cleaned: unknown states fall back to
 * "active", blank values mean no filter, dates are days in the user's time zone.
 */
public record IncidentFilter(String state, String application, String person, String from, String to)
{
    private static final Set<String> STATES = Set.of("active", "claimed", "inactive", "all");

    public static IncidentFilter of(String state, String application, String person, String from, String to)
    {
        return new IncidentFilter(
                state != null && STATES.contains(state) ? state : "active",
                blankToNull(application),
                blankToNull(person),
                validDate(from),
                validDate(to));
    }

    public Instant fromInstant(ZoneId zone)
    {
        return from == null ? null : LocalDate.parse(from).atStartOfDay(zone).toInstant();
    }

    /**
     * The end of the "to" day, so "to 2026-11-21" includes that day.
     */
    public Instant toInstant(ZoneId zone)
    {
        return to == null ? null : LocalDate.parse(to).plusDays(1).atStartOfDay(zone).toInstant();
    }

    /**
     * The filters as a query string (without "?"), for links and the auto-refresh.
     */
    public String queryString()
    {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("state", state);
        values.put("application", application);
        values.put("person", person);
        values.put("from", from);
        values.put("to", to);
        return values.entrySet().stream()
                .filter(entry -> entry.getValue() != null)
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String blankToNull(String value)
    {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String validDate(String value)
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
}
