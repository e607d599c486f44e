package dev.iris.api.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The incident list's filters as the form sends them, cleaned: unknown states fall back to
 * "open" (paging or unacknowledged: what still needs somebody), blank values mean no filter,
 * dates are days in the user's time zone.
 */
public record IncidentFilter(String state, String application, String person, String from, String to)
{
    /** The default view: incidents that still need somebody. */
    public static final String OPEN = "open";
    private static final Set<String> STATES = Set.of(OPEN, "active", "unacknowledged", "claimed", "resolved", "all");

    public static IncidentFilter of(String state, String application, String person, String from, String to)
    {
        return new IncidentFilter(
                state != null && STATES.contains(state) ? state : OPEN,
                FilterForms.blankToNull(application),
                FilterForms.blankToNull(person),
                FilterForms.validDate(from),
                FilterForms.validDate(to));
    }

    public Instant fromInstant(ZoneId zone)
    {
        return FilterForms.dayStart(from, zone);
    }

    /**
     * The end of the "to" day, so "to 2026-11-21" includes that day.
     */
    public Instant toInstant(ZoneId zone)
    {
        return FilterForms.dayEnd(to, zone);
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
        return FilterForms.queryString(values);
    }
}
