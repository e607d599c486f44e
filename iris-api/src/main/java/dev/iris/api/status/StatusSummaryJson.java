package dev.iris.api.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.core.status.PublicStatus;

import java.time.Instant;

/**
 * Statuspage's {@code /api/v2/summary.json} shape, where it fits: page, components (id, name,
 * status, position, description, updated_at), incidents (unresolved, with incident_updates) and
 * status (indicator, description). Built from {@link PublicStatus} only.
 */
final class StatusSummaryJson
{
    private StatusSummaryJson() {}

    static ObjectNode render(ObjectMapper json, PublicStatus status, String publicUrl)
    {
        ObjectNode root = json.createObjectNode();
        ObjectNode page = root.putObject("page");
        page.put("id", "iris");
        page.put("name", status.title());
        page.put("url", publicUrl + "/status");
        page.put("time_zone", "Etc/UTC");
        page.put("updated_at", time(status.generated()));
        ArrayNode components = root.putArray("components");
        for (PublicStatus.Component component : status.components()) {
            ObjectNode node = components.addObject();
            node.put("id", String.valueOf(component.id()));
            node.put("name", component.name());
            node.put("status", component.state().code());
            node.put("description", component.description().isEmpty() ? null : component.description());
            node.put("position", component.position());
            node.put("showcase", true);
            node.put("group", false);
            node.putNull("group_id");
            node.put("only_show_if_degraded", false);
            node.put("page_id", "iris");
            node.put("updated_at", time(status.generated()));
        }
        ArrayNode incidents = root.putArray("incidents");
        for (PublicStatus.Incident incident : status.openIncidents()) {
            incidents.add(incident(json, incident, publicUrl));
        }
        root.putArray("scheduled_maintenances");
        ObjectNode overall = root.putObject("status");
        overall.put("indicator", status.indicator());
        overall.put("description", status.description());
        return root;
    }

    static ObjectNode incident(ObjectMapper json, PublicStatus.Incident incident, String publicUrl)
    {
        ObjectNode node = json.createObjectNode();
        node.put("id", String.valueOf(incident.id()));
        node.put("name", incident.title());
        node.put("status", incident.status());
        node.put("impact", switch (incident.impact()) {
            case OPERATIONAL -> "none";
            case DEGRADED_PERFORMANCE -> "minor";
            case PARTIAL_OUTAGE -> "major";
            case MAJOR_OUTAGE -> "critical";
        });
        node.put("created_at", time(incident.created()));
        node.put("updated_at", time(incident.updated()));
        node.put("resolved_at", time(incident.resolved()));
        node.put("shortlink", publicUrl + "/status/incidents/" + incident.id());
        node.put("page_id", "iris");
        ArrayNode updates = node.putArray("incident_updates");
        for (PublicStatus.Update update : incident.updates()) {
            ObjectNode u = updates.addObject();
            u.put("id", String.valueOf(update.id()));
            u.put("incident_id", String.valueOf(incident.id()));
            u.put("status", update.status());
            u.put("body", update.body());
            u.put("created_at", time(update.created()));
            u.put("display_at", time(update.created()));
            u.put("updated_at", time(update.created()));
        }
        ArrayNode components = node.putArray("components");
        incident.components().forEach(name -> components.addObject().put("name", name));
        return node;
    }

    private static String time(Instant instant)
    {
        return instant == null ? null : instant.toString();
    }
}
