package dev.iris.sender.dispatch;

import dev.iris.core.render.ContextValues;
import dev.iris.core.render.MessageRenderer;
import dev.iris.core.render.MessageTemplate;
import dev.iris.core.render.RenderedMessage;
import org.jdbi.v3.core.Jdbi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The subject and body a claimed message goes out with: a batch's fixed text, an incident
 * message rendered from its plan notification's template for the application and mode (with the
 * plan-creator explanation, if any, before it), or the stored content of an out-of-band message.
 */
public final class MessageContent
{
    private final Jdbi jdbi;
    private final MessageRenderer renderer;
    private final ModeCatalog modes;

    public MessageContent(Jdbi jdbi, MessageRenderer renderer, ModeCatalog modes)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.renderer = requireNonNull(renderer, "renderer is null");
        this.modes = requireNonNull(modes, "modes is null");
    }

    /**
     * @param templateId the template version used, or null
     */
    public record Content(String subject, String body, Long templateId, boolean renderFailed) {}

    public Content render(ClaimedMessage message)
    {
        MessageRow row = message.row();
        if (message.batchSize() > 1) {
            return new Content("[%s] %d messages from plan %s".formatted(row.applicationName(), message.batchSize(), row.planName()),
                    "Batch ID: " + message.batch(), null, false);
        }
        if (row.template() == null) {
            return new Content(row.subject() == null ? "" : row.subject(), row.body() == null ? "" : row.body(), null, false);
        }
        // Iris renders drop messages with the email template.
        int templateMode = message.mode().equals("drop") ? modes.id("email").orElse(message.modeId()) : message.modeId();
        Optional<MessageTemplate> template = jdbi.withHandle(handle -> handle.attach(MessageDao.class)
                .template(row.template(), row.applicationId(), templateMode));
        Map<String, Object> context = ContextValues.parse(row.incidentContext());
        RenderedMessage rendered = renderer.render(row.id(), template, context, irisBlock(message));
        String prefix = row.body() == null ? "" : row.body();
        return new Content(rendered.subject(), prefix + rendered.body(), template.map(MessageTemplate::templateId).orElse(null), rendered.failed());
    }

    private static Map<String, Object> irisBlock(ClaimedMessage message)
    {
        MessageRow row = message.row();
        Map<String, Object> iris = new LinkedHashMap<>();
        iris.put("message_id", row.id());
        iris.put("target", row.targetName());
        iris.put("priority", row.priorityName());
        iris.put("priority_id", row.priorityId());
        iris.put("application", row.applicationName());
        iris.put("plan", row.planName());
        iris.put("plan_id", row.planId());
        iris.put("incident_id", row.incidentId());
        iris.put("incident_created", row.incidentCreated() == null ? null : row.incidentCreated().getEpochSecond());
        iris.put("template", row.template());
        iris.put("mode", message.mode());
        iris.put("body", row.body() == null ? "" : row.body());
        return iris;
    }
}
