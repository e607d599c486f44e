package dev.iris.core.response;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Iris's answer to a reply.
 *
 * @param text what the replier reads or hears (SMS, call, Slack); empty means say nothing
 * @param emails the answer as emails, one per application the reply touched (Iris sends one email
 *         per application after a "claim all"); the application is null for answers that concern
 *         no application, which go out as the internal {@code iris} application
 */
public record ReplyAnswer(String text, List<Email> emails)
{
    public record Email(String application, String body)
    {
        public Email
        {
            requireNonNull(body, "body is null");
        }
    }

    public ReplyAnswer
    {
        requireNonNull(text, "text is null");
        emails = List.copyOf(emails);
    }

    public static ReplyAnswer of(String application, String text)
    {
        return new ReplyAnswer(text, List.of(new Email(application, text)));
    }

    public static ReplyAnswer silence()
    {
        return new ReplyAnswer("", List.of());
    }

    public boolean isSilent()
    {
        return text.isEmpty() && emails.isEmpty();
    }
}
