package dev.iris.api.ui;

import java.util.List;
import java.util.Map;

/**
 * {@code /messages}: the filters and the matching messages, as {@code GET /v0/messages} rows.
 */
public final class MessagesView
        extends PageView
{
    private final MessageFilter filter;
    private final List<Map<String, Object>> rows;
    private final int limit;
    private final List<String> applications;
    private final List<String> priorities;
    private final String error;

    public MessagesView(PageContext context, MessageFilter filter, List<Map<String, Object>> rows, int limit, List<String> applications,
            List<String> priorities, String error)
    {
        super("messages.ftlh", context, "Messages");
        this.filter = filter;
        this.rows = List.copyOf(rows);
        this.limit = limit;
        this.applications = List.copyOf(applications);
        this.priorities = List.copyOf(priorities);
        this.error = error;
    }

    public MessageFilter getFilter()
    {
        return filter;
    }

    public List<Map<String, Object>> getRows()
    {
        return rows;
    }

    public int getLimit()
    {
        return limit;
    }

    public List<String> getApplications()
    {
        return applications;
    }

    public List<String> getPriorities()
    {
        return priorities;
    }

    public String getError()
    {
        return error;
    }
}
