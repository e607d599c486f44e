package dev.iris.sender.dispatch;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.iris.core.render.ContextValues;
import dev.iris.core.render.MessageRenderer;
import dev.iris.core.render.MessageTemplate;
import dev.iris.core.render.RenderedMessage;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The subject and body a claimed message goes out with: a batch's fixed text, an incident
 * message rendered from its plan notification's template for the application and mode (with the
 * plan-creator explanation, if any, before it), or the stored content of an out-of-band message.
 * A replacement body (the SMS template override) takes the place of the body; the subject is
 * rendered as usual.
 */
public final class MessageContent
{
    private final MessageRenderer renderer;
    private final ModeCatalog modes;
    // Template name -> active version changes rarely; a new version is used within seconds.
    private final LoadingCache<List<Object>, Optional<MessageTemplate>> templates;

    public MessageContent(Jdbi jdbi, MessageRenderer renderer, ModeCatalog modes)
    {
        requireNonNull(jdbi, "jdbi is null");
        this.renderer = requireNonNull(renderer, "renderer is null");
        this.modes = requireNonNull(modes, "modes is null");
        this.templates = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofSeconds(5))
                .maximumSize(10_000)
                .build(key -> jdbi.withHandle(handle -> handle.attach(MessageDao.class)
                        .template((String) key.get(0), (Integer) key.get(1), (Integer) key.get(2))));
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
            String body = message.replacementBody() != null ? message.replacementBody() : row.body() == null ? "" : row.body();
            return new Content(row.subject() == null ? "" : row.subject(), body, null, false);
        }
        // Iris renders drop messages with the email template.
        int templateMode = message.mode().equals("drop") ? modes.id("email").orElse(message.modeId()) : message.modeId();
        Optional<MessageTemplate> template = templates.get(List.of(row.template(), row.applicationId(), templateMode));
        Map<String, Object> context = ContextValues.parse(row.incidentContext());
        RenderedMessage rendered = renderer.render(row.id(), template, context, irisBlock(message));
        String body = message.replacementBody() != null ? message.replacementBody() : (row.body() == null ? "" : row.body()) + rendered.body();
        return new Content(rendered.subject(), body, template.map(MessageTemplate::templateId).orElse(null), rendered.failed());
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
