package dev.iris.api.ui;

import java.util.List;

/**
 * The incident list (the whole page, or only its table for the auto-refresh).
 */
public final class IncidentsView
        extends PageView
{
    /**
     * One row: the incident and its summary line.
     */
    public record Row(IncidentRow incident, String summary) {}

    private final IncidentFilter filter;
    private final List<Row> rows;
    private final List<String> applications;
    private final String message;
    private final String error;

    public IncidentsView(String template, PageContext context, IncidentFilter filter, List<Row> rows, List<String> applications, String message, String error)
    {
        super(template, context, "Incidents");
        this.filter = filter;
        this.rows = List.copyOf(rows);
        this.applications = List.copyOf(applications);
        this.message = message;
        this.error = error;
    }

    public IncidentFilter getFilter()
    {
        return filter;
    }

    public List<Row> getRows()
    {
        return rows;
    }

    public List<String> getApplications()
    {
        return applications;
    }

    public String getMessage()
    {
        return message;
    }

    public String getError()
    {
        return error;
    }

    public long getActiveCount()
    {
        return rows.stream().filter(row -> row.incident().active()).count();
    }
}
