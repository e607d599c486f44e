package dev.iris.api.ui;

import dev.iris.common.incident.IncidentState;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The incident page.
 */
public final class IncidentView
        extends PageView
{
    /**
     * One line of the timeline. {@code html} is set only for comments (Markdown already rendered
     * safely); everything else is text and escaped by the template. {@code link}, if set, is
     * where the title leads (a message's own page).
     */
    public record Entry(Instant time, String kind, String title, String detail, String html, String link) {}

    private final IncidentPageDao.Detail incident;
    private final String summary;
    private final Map<String, String> contextValues;
    private final List<List<IncidentPageDao.Step>> steps;
    private final List<IncidentPageDao.Message> messages;
    private final List<Entry> timeline;
    private final List<String> otherPlans;
    private final String message;
    private final String error;

    public IncidentView(PageContext context, IncidentPageDao.Detail incident, String summary, Map<String, String> contextValues,
            List<List<IncidentPageDao.Step>> steps, List<IncidentPageDao.Message> messages, List<Entry> timeline, List<String> otherPlans,
            String message, String error)
    {
        super("incident.ftlh", context, "Incident " + incident.id());
        this.incident = incident;
        this.summary = summary;
        this.contextValues = contextValues;
        this.steps = steps;
        this.messages = messages;
        this.timeline = timeline;
        this.otherPlans = otherPlans;
        this.message = message;
        this.error = error;
    }

    public IncidentPageDao.Detail getIncident()
    {
        return incident;
    }

    public String getState()
    {
        return IncidentState.of(incident.active(), incident.owner() != null, incident.resolved(), incident.silencedBy() != null).label();
    }

    /**
     * Paging or unacknowledged: somebody should take it.
     */
    public boolean isClaimable()
    {
        return incident.owner() == null && !incident.resolved();
    }

    public String getSummary()
    {
        return summary;
    }

    public Map<String, String> getContextValues()
    {
        return contextValues;
    }

    public List<List<IncidentPageDao.Step>> getSteps()
    {
        return steps;
    }

    public List<IncidentPageDao.Message> getMessages()
    {
        return messages;
    }

    public List<Entry> getTimeline()
    {
        return timeline;
    }

    public List<String> getOtherPlans()
    {
        return otherPlans;
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
