package dev.iris.sender.dispatch;

import dev.iris.core.message.EmailRecipients;

import java.util.HashMap;
import java.util.Map;

/**
 * Hands the addresses of a multi-recipient email to the vendor in the outbound message's headers:
 * {@code to} and {@code bcc}, comma-separated (see {@link dev.iris.spi.vendor.OutboundMessage}).
 */
final class EmailRecipientHeaders
{
    static final String TO = "to";
    static final String BCC = "bcc";

    private EmailRecipientHeaders() {}

    /**
     * @param recipients the message's {@code recipients} column, or null for a one-recipient message
     */
    static Map<String, String> with(String recipients, Map<String, String> headers)
    {
        if (recipients == null) {
            return headers;
        }
        EmailRecipients parsed = EmailRecipients.parse(recipients);
        Map<String, String> result = new HashMap<>(headers);
        result.put(TO, String.join(",", parsed.to()));
        result.put(BCC, String.join(",", parsed.bcc()));
        return result;
    }
}
