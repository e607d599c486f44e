package dev.iris.api.ui;

import java.time.Instant;
import java.util.List;

/**
 * The incident list: one page of rows, grouped where an aggregation batch joined incidents into
 * one page, with the true counts and what the change banner needs to know.
 */
public final class IncidentsView
        extends PageView
{
    /**
     * One row: the incident and its summary line.
     */
    public record Row(IncidentRow incident, String summary) {}

    /**
     * Rows shown together. {@code batch} is null for plain rows; otherwise the rows were paged in one
     * aggregated message, and {@code batchSize} counts every incident of the batch (some may be on
     * other pages).
     */
    public record Group(String batch, long batchSize, List<Row> rows)
    {
        public boolean aggregated()
        {
            return batch != null;
        }

        /**
         * The ids of this group's rows, comma-separated, for the group's claim button.
         */
        public String ids()
        {
            return String.join(",", rows.stream().map(row -> String.valueOf(row.incident().id())).toList());
        }
    }

    private final IncidentFilter filter;
    private final List<Group> groups;
    private final int rowCount;
    private final long total;
    private final int pageSize;
    private final IncidentListDao.StateCounts counts;
    private final long newestShown;
    private final Instant drawnAt;
    private final List<String> applications;
    private final String message;
    private final String error;

    public IncidentsView(PageContext context, IncidentFilter filter, List<Group> groups, long total, int pageSize,
            IncidentListDao.StateCounts counts, long newestShown, Instant drawnAt, List<String> applications, String message, String error)
    {
        super("incidents.ftlh", context, "Incidents");
        this.filter = filter;
        this.groups = List.copyOf(groups);
        this.rowCount = groups.stream().mapToInt(group -> group.rows().size()).sum();
        this.total = total;
        this.pageSize = pageSize;
        this.counts = counts;
        this.newestShown = newestShown;
        this.drawnAt = drawnAt;
        this.applications = List.copyOf(applications);
        this.message = message;
        this.error = error;
    }

    public IncidentFilter getFilter()
    {
        return filter;
    }

    public List<Group> getGroups()
    {
        return groups;
    }

    public int getRowCount()
    {
        return rowCount;
    }

    public long getTotal()
    {
        return total;
    }

    /**
     * The position of the first row shown, from 1.
     */
    public long getFirst()
    {
        return rowCount == 0 ? 0 : (long) (filter.page() - 1) * pageSize + 1;
    }

    public long getLast()
    {
        return getFirst() == 0 ? 0 : getFirst() + rowCount - 1;
    }

    public int getPageCount()
    {
        return (int) Math.max(1, (total + pageSize - 1) / pageSize);
    }

    public IncidentListDao.StateCounts getCounts()
    {
        return counts;
    }

    public long getNewestShown()
    {
        return newestShown;
    }

    public long getDrawnAt()
    {
        return drawnAt.toEpochMilli();
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
}
