package dev.iris.relay.twilio;

import dev.iris.common.http.IrisException;

import java.util.regex.Pattern;

/**
 * Iris message ids in Twilio callback URLs: a message id (digits) or, in voice URLs, a batch id (a
 * UUID, with or without hyphens). Anything else could smuggle text into the URLs the relay builds,
 * so it gets 400.
 */
final class MessageIds
{
    private static final Pattern MESSAGE_ID = Pattern.compile("[0-9]{1,19}");
    private static final Pattern BATCH_ID = Pattern.compile("[0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern INCIDENT_ID = Pattern.compile("[0-9]{1,19}");

    private MessageIds() {}

    static void checkMessageId(String messageId)
    {
        if (!MESSAGE_ID.matcher(messageId).matches() && !BATCH_ID.matcher(messageId).matches()) {
            throw IrisException.badRequest("Bad message id", "message id must be int/hex");
        }
    }

    /**
     * A status callback names one message, never a batch.
     */
    static void checkSingleMessageId(String messageId)
    {
        if (!MESSAGE_ID.matcher(messageId).matches()) {
            throw IrisException.badRequest("Bad message id", "message id must be an integer");
        }
    }

    static void checkIncidentId(String incidentId)
    {
        if (!INCIDENT_ID.matcher(incidentId).matches()) {
            throw IrisException.badRequest("Bad incident id", "incident id must be an integer");
        }
    }
}
