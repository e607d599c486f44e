package dev.iris.core.render;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Renders an incident message the way Iris does: the template's subject and body against the
 * incident context plus the {@code iris} metadata block; the message id leads the subject unless
 * the template shows it itself (replies name the message by that id); a template that cannot be
 * rendered becomes a message that says so, shows the context, and still reaches the person.
 */
public final class MessageRenderer
{
    private static final Pattern USES_MESSAGE_ID = Pattern.compile("iris\\s*(\\.\\s*message_id|\\[\\s*['\"]message_id['\"]\\s*])");

    private final TemplateRenderer renderer;

    public MessageRenderer(TemplateRenderer renderer)
    {
        this.renderer = requireNonNull(renderer, "renderer is null");
    }

    /**
     * @param template the template for the message's application and mode, or empty when there is
     *        none (which renders as a failure)
     * @param context the incident context (plain data)
     * @param iris the {@code iris} block: message_id, target, priority, application, plan, ...
     */
    public RenderedMessage render(long messageId, Optional<MessageTemplate> template, Map<String, Object> context, Map<String, Object> iris)
    {
        if (template.isEmpty()) {
            return failure(messageId, context, "no template for this application and mode");
        }
        Map<String, Object> variables = new LinkedHashMap<>(context);
        variables.put("iris", iris);
        try {
            String subject = renderer.render(template.get().subject(), variables);
            String body = renderer.render(template.get().body(), variables);
            if (!usesMessageId(template.get())) {
                subject = messageId + " " + subject;
            }
            return new RenderedMessage(subject, body, false);
        }
        catch (TemplateRenderException e) {
            return failure(messageId, context, e.getMessage());
        }
    }

    static boolean usesMessageId(MessageTemplate template)
    {
        return USES_MESSAGE_ID.matcher(template.subject()).find() || USES_MESSAGE_ID.matcher(template.body()).find();
    }

    public static RenderedMessage failure(long messageId, Map<String, Object> context, String error)
    {
        String body = "Iris could not render the template of this message, so here is the raw incident context.\n"
                + "Context: " + ContextValues.toJson(context) + "\n"
                + "Error: " + error;
        return new RenderedMessage(messageId + " Iris failed to render your message", body, true);
    }
}
