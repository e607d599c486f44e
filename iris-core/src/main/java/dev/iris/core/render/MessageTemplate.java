package dev.iris.core.render;

/**
 * The subject and body templates of one template version for one application and mode.
 */
public record MessageTemplate(long templateId, String subject, String body)
{
    public MessageTemplate
    {
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
    }
}
