package dev.iris.api.ui;

/**
 * The banner above the incident list saying what changed since it was drawn; empty when nothing
 * did. The list itself never changes under the reader's pointer.
 */
public final class IncidentChangesView
        extends PageView
{
    private final IncidentListDao.Changes changes;
    private final String reloadLink;

    public IncidentChangesView(PageContext context, IncidentListDao.Changes changes, String reloadLink)
    {
        super("incident-changes.ftlh", context, "Incidents");
        this.changes = changes;
        this.reloadLink = reloadLink;
    }

    public IncidentListDao.Changes getChanges()
    {
        return changes;
    }

    public String getReloadLink()
    {
        return reloadLink;
    }
}
