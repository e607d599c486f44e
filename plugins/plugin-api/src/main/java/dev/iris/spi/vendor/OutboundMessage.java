package dev.iris.spi.vendor;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One rendered message, ready to send. Immutable.
 *
 * @param messageId Iris's message id (replies name it); for a batch, the id of the batch's lead row
 * @param mode the mode to deliver in ({@code sms}, {@code call}, {@code email}, {@code slack}, ...)
 * @param destination the address for that mode: a phone number in E.164, an email address, a
 *        Slack handle or {@code #channel}, a URL
 * @param subject the rendered subject (may be empty, never null)
 * @param body the rendered plain-text body (may be empty, never null)
 * @param htmlBody an HTML body for email, or null
 * @param application the name of the application the message belongs to
 * @param priority the priority name ({@code low}, {@code medium}, {@code high}, {@code urgent})
 * @param incidentId the incident, or null for out-of-band notifications
 * @param batchId the batch id when this message stands for several aggregated ones, or null
 * @param plan the plan name, or null
 * @param claimable whether the recipient can claim through this message (Iris adds claim
 *        buttons, keypress menus and reply hints only then)
 * @param headers extra metadata (such as a per-application From address under {@code from});
 *        never null. A multi-recipient email (a {@code target_list} notification) carries its
 *        addresses under {@code to} and {@code bcc}, comma-separated (either may be empty); then
 *        {@code to} is the To list instead of the destination, which is only its first address.
 */
public record OutboundMessage(
        long messageId,
        String mode,
        String destination,
        String subject,
        String body,
        String htmlBody,
        String application,
        String priority,
        Long incidentId,
        String batchId,
        String plan,
        boolean claimable,
        Map<String, String> headers)
{
    public OutboundMessage
    {
        requireNonNull(mode, "mode is null");
        requireNonNull(destination, "destination is null");
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public Optional<Long> incidentIdIfAny()
    {
        return Optional.ofNullable(incidentId);
    }

    public Optional<String> batchIdIfAny()
    {
        return Optional.ofNullable(batchId);
    }

    public Optional<String> htmlBodyIfAny()
    {
        return Optional.ofNullable(htmlBody);
    }
}
