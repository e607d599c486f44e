package dev.iris.api.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The incident list's filters and view options as the form sends them, cleaned: unknown states
 * fall back to "open" (paging or unacknowledged: what still needs somebody), blank values mean no
 * filter, dates are days in the user's time zone, pages count from 1, {@code dense} packs more
 * rows on a screen.
 */
public record IncidentFilter(String state, String application, String person, String from, String to, int page, boolean dense)
{
    /** The default view: incidents that still need somebody. */
    public static final String OPEN = "open";
    private static final Set<String> STATES = Set.of(OPEN, "active", "unacknowledged", "silenced", "claimed", "resolved", "all");

    public static IncidentFilter of(String state, String application, String person, String from, String to, String page, String dense)
    {
        return new IncidentFilter(
                state != null && STATES.contains(state) ? state : OPEN,
                FilterForms.blankToNull(application),
                FilterForms.blankToNull(person),
                FilterForms.validDate(from),
                FilterForms.validDate(to),
                pageNumber(page),
                "1".equals(dense) || "true".equals(dense) || "on".equals(dense));
    }

    private static int pageNumber(String page)
    {
        try {
            return page == null ? 1 : Math.max(1, Math.min(100_000, Integer.parseInt(page.strip())));
        }
        catch (NumberFormatException e) {
            return 1;
        }
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
     * The values the list's queries bind.
     */
    public IncidentListDao.Filter query(ZoneId zone)
    {
        return new IncidentListDao.Filter(state, application, person, fromInstant(zone), toInstant(zone));
    }

    /**
     * The filters and the density as a query string (without "?"; no page), for links, the bulk
     * actions' way back and the change banner.
     */
    public String queryString()
    {
        return FilterForms.queryString(values(dense));
    }

    /**
     * This view on another page.
     */
    public String pageLink(int number)
    {
        Map<String, String> values = values(dense);
        values.put("page", String.valueOf(number));
        return "/incidents?" + FilterForms.queryString(values);
    }

    /**
     * This view with the other density.
     */
    public String densityToggleLink()
    {
        Map<String, String> values = values(!dense);
        if (page > 1) {
            values.put("page", String.valueOf(page));
        }
        return "/incidents?" + FilterForms.queryString(values);
    }

    /**
     * Where a button on this page leads back to.
     */
    public String here()
    {
        return page > 1 ? pageLink(page) : "/incidents?" + queryString();
    }

    private Map<String, String> values(boolean withDense)
    {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("state", state);
        values.put("application", application);
        values.put("person", person);
        values.put("from", from);
        values.put("to", to);
        values.put("dense", withDense ? "1" : null);
        return values;
    }
}
