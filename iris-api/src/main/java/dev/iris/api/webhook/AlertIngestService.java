package dev.iris.api.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.api.auth.AuthenticatedApplication;
import dev.iris.common.http.IrisException;
import dev.iris.core.alert.AutomatedIncidents;
import dev.iris.core.incident.ContextSize;
import dev.iris.core.incident.IncidentService;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Turns an inbound alert into incident changes, in one transaction per notification: a new alert
 * opens an incident with its dedup key; a repeat while that incident is unresolved is counted on
 * it (no new pages); a resolve marks it resolved and stops its escalation. Notifications of one
 * application are serialized, so concurrent copies of an alert (Alertmanager HA pairs send
 * duplicates) open one incident.
 */
public final class AlertIngestService
{
    private final Jdbi jdbi;
    private final ObjectMapper objectMapper;

    @Inject
    public AlertIngestService(Jdbi jdbi, ObjectMapper objectMapper)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
    }

    public WebhookResult ingest(AuthenticatedApplication application, String source, InboundAlert alert)
    {
        if (alert.action() == InboundAlert.Action.IGNORE) {
            return new WebhookResult(null, "ignored");
        }
        String context = context(source, alert);
        String actor = "webhook:" + source;
        return jdbi.inTransaction(handle -> {
            AutomatedIncidents.lockApplication(handle, application.id());
            Optional<Long> open = alert.dedupKey() == null
                    ? Optional.empty()
                    : AutomatedIncidents.openIncident(handle, application.id(), alert.dedupKey());
            if (alert.action() == InboundAlert.Action.RESOLVE) {
                if (open.isEmpty()) {
                    return new WebhookResult(null, "ignored");
                }
                AutomatedIncidents.resolveAndStop(handle, open.get(), actor, alert.summary());
                return new WebhookResult(open.get(), "resolved");
            }
            if (open.isPresent()) {
                AutomatedIncidents.absorbRepeat(handle, open.get(), actor, alert.summary());
                return new WebhookResult(open.get(), "deduplicated");
            }
            long plan = AutomatedIncidents.activePlanId(handle, alert.plan())
                    .orElseThrow(() -> IrisException.notFound("Plan not found", "No active plan named " + alert.plan()));
            if (!AutomatedIncidents.planHasTemplatesFor(handle, plan, application.id())) {
                throw IrisException.badRequest(IncidentService.NO_TEMPLATES,
                        "Plan " + alert.plan() + " has no template content for application " + application.name());
            }
            long incident = AutomatedIncidents.open(handle, plan, application.id(), context, alert.dedupKey(), actor, alert.summary());
            return new WebhookResult(incident, "created");
        });
    }

    /**
     * The payload as the incident's context, within Iris's limit (measured as Iris does), refused
     * with the title of Iris's webhook of that name.
     */
    private String context(String source, InboundAlert alert)
    {
        String context;
        try {
            context = objectMapper.writeValueAsString(alert.context());
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        long size = ContextSize.ofJson(context);
        if (ContextSize.exceedsLimit(size)) {
            String title = source.equals("grafana") || source.equals("freshping") ? "Context too long" : "Context too long, must be < 65535 characters";
            throw IrisException.badRequest(title, "Context too large. " + size + " is larger than limit " + ContextSize.LIMIT);
        }
        return context;
    }
}
