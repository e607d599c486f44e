package dev.iris.api.ui;

import dev.iris.core.query.SearchParameters;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The message list's filters as the form sends them, cleaned (blank means no filter, an unknown
 * "active" value means either, dates are days in the user's time zone), and turned into the
 * parameters of {@code GET /v0/messages}, so the page searches exactly as the API does.
 */
public record MessageFilter(String application, String priority, String active, String batch, String incident, String target, String from, String to)
{
    private static final Set<String> ACTIVE_VALUES = Set.of("1", "0");
    /** The columns the list shows (the body stays on the message's own page). */
    private static final String FIELDS = "id,created,sent,application,priority,target,mode,destination,subject,incident_id,active,batch";

    public static MessageFilter of(String application, String priority, String active, String batch, String incident, String target, String from, String to)
    {
        return new MessageFilter(FilterForms.blankToNull(application), FilterForms.blankToNull(priority), active != null && ACTIVE_VALUES.contains(active) ? active : null,
                FilterForms.blankToNull(batch), FilterForms.blankToNull(incident), FilterForms.blankToNull(target), FilterForms.validDate(from), FilterForms.validDate(to));
    }

    /**
     * The search, newest first, at most {@code limit} messages.
     */
    public SearchParameters searchParameters(ZoneId zone, int limit)
    {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        put(parameters, "application", application);
        put(parameters, "priority", priority);
        put(parameters, "active", active);
        put(parameters, "batch", batch);
        put(parameters, "incident_id", incident);
        put(parameters, "target", target);
        if (from != null) {
            put(parameters, "created__ge", Long.toString(FilterForms.dayStart(from, zone).getEpochSecond()));
        }
        if (to != null) {
            put(parameters, "created__lt", Long.toString(FilterForms.dayEnd(to, zone).getEpochSecond()));
        }
        put(parameters, "fields", FIELDS);
        put(parameters, "limit", Integer.toString(limit));
        return SearchParameters.of(parameters);
    }

    /**
     * The filters as a query string (without "?"), for links.
     */
    public String queryString()
    {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("application", application);
        values.put("priority", priority);
        values.put("active", active);
        values.put("batch", batch);
        values.put("incident", incident);
        values.put("target", target);
        values.put("from", from);
        values.put("to", to);
        return FilterForms.queryString(values);
    }

    private static void put(Map<String, List<String>> parameters, String name, String value)
    {
        if (value != null) {
            parameters.put(name, List.of(value));
        }
    }
}
