package dev.iris.api.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.common.incident.IncidentState;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Assembles the incident page: the incident, its plan's steps, and one timeline merged from
 * incident events, messages, their audit log and comments.
 */
public final class IncidentPages
{
    private final IncidentPageDao dao;
    private final IncidentSummaries summaries;
    private final ObjectMapper objectMapper;

    @Inject
    public IncidentPages(Jdbi jdbi, IncidentSummaries summaries, ObjectMapper objectMapper)
    {
        this.dao = requireNonNull(jdbi, "jdbi is null").onDemand(IncidentPageDao.class);
        this.summaries = requireNonNull(summaries, "summaries is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
    }

    public IncidentView view(PageContext context, long incidentId, String message, String error)
    {
        IncidentPageDao.Detail incident = dao.incident(incidentId).orElseThrow(() -> new NotFoundException("No incident " + incidentId));
        IncidentRow row = new IncidentRow(incident.id(), incident.application(), incident.plan(), incident.created(), incident.updated(),
                incident.owner(), incident.active(), incident.resolved(), incident.currentStep(), incident.stepCount(), incident.context(),
                incident.summaryTemplate(), incident.titleVariable(), null, incident.silencedBy() != null);
        List<IncidentPageDao.Message> messages = dao.messages(incidentId);
        return new IncidentView(context, incident, summaries.summary(row), contextValues(incident.context()),
                steps(incident.planId()), messages, timeline(incidentId, messages), dao.otherActivePlans(incident.plan()), message, error);
    }

    /**
     * The context's top-level values as text: strings as they are, anything else as JSON.
     */
    private Map<String, String> contextValues(String json)
    {
        Map<String, String> values = new LinkedHashMap<>();
        summaries.context(json).forEach((key, value) -> values.put(key, value instanceof String text ? text : toJson(value)));
        return values;
    }

    private String toJson(Object value)
    {
        try {
            return objectMapper.writeValueAsString(value);
        }
        catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private List<List<IncidentPageDao.Step>> steps(long planId)
    {
        Map<Integer, List<IncidentPageDao.Step>> byStep = new TreeMap<>();
        for (IncidentPageDao.Step step : dao.steps(planId)) {
            byStep.computeIfAbsent(step.step(), key -> new ArrayList<>()).add(step);
        }
        return List.copyOf(byStep.values());
    }

    private List<IncidentView.Entry> timeline(long incidentId, List<IncidentPageDao.Message> messages)
    {
        List<IncidentView.Entry> entries = new ArrayList<>();
        for (IncidentPageDao.Event event : dao.events(incidentId)) {
            // The sender records the end of the plan as "exhausted"; people read the state's name.
            String kind = event.kind().equals("exhausted") ? "plan ran out: " + IncidentState.UNACKNOWLEDGED.label() : event.kind();
            String title = kind + (event.actor() == null ? "" : " by " + event.actor());
            entries.add(new IncidentView.Entry(event.created(), "event-" + event.kind(), title, event.description(), null, null));
        }
        for (IncidentPageDao.Message message : messages) {
            String title = "Message " + message.id() + " to " + (message.target() == null ? message.destination() : message.target())
                    + (message.mode() == null ? "" : " by " + message.mode()) + ": " + message.status()
                    + (message.deliveryStatus() == null ? "" : " (" + message.deliveryStatus() + ")");
            String detail = (message.step() == null ? "" : "step " + message.step() + ", round " + (message.round() == null ? 0 : message.round() + 1))
                    + (message.priority() == null ? "" : ", " + message.priority())
                    + (message.lastError() == null ? "" : ", error: " + message.lastError());
            entries.add(new IncidentView.Entry(message.sent() == null ? message.created() : message.sent(), "status-" + message.status(), title, detail, null,
                    "/messages/" + message.id()));
        }
        for (IncidentPageDao.Change change : dao.changes(incidentId)) {
            entries.add(new IncidentView.Entry(change.date(), "change", "Message " + change.messageId() + " " + change.changeType()
                    + ": " + change.oldValue() + " → " + change.newValue(), change.description(), null, "/messages/" + change.messageId()));
        }
        for (IncidentPageDao.Comment comment : dao.comments(incidentId)) {
            entries.add(new IncidentView.Entry(comment.created(), "comment", "Comment by " + comment.author(), "", Markdown.toHtml(comment.content()), null));
        }
        entries.sort(Comparator.comparing(IncidentView.Entry::time));
        return entries;
    }
}
