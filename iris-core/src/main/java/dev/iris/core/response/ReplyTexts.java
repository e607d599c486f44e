package dev.iris.core.response;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Iris's answers to replies, word for word (its default response plugin).
 */
public final class ReplyTexts
{
    public static final String APOLOGY = "Sincerest apologies";
    public static final String UNKNOWN_COMMAND = "Unknown command.";
    public static final String NO_OWNER = "Failed to identify owner for the incident.";
    public static final String NO_OWNER_ALL = "Failed to identify owner for these incidents.";
    public static final String NOTHING_TO_CLAIM = "No active incidents to claim.";
    public static final String INVALID_RESPONSE = "Invalid response";

    private ReplyTexts() {}

    public static String claimed(long incidentId)
    {
        return "Iris incident(" + incidentId + ") claimed.";
    }

    public static String claimedFrom(long incidentId, String previousOwner)
    {
        return "Iris incident(" + incidentId + ") claimed, previously claimed by " + previousOwner + ".";
    }

    public static String noIncident(String messageId)
    {
        return "Failed to match incident for message(" + messageId + ").";
    }

    public static String batchClaimed(String batchId)
    {
        return "All iris incidents claimed for batch id " + batchId + ".";
    }

    public static String bulkClaimed(List<Long> incidentIds)
    {
        return "Iris Incidents claimed (" + incidentIds.size() + "): "
                + incidentIds.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    public static String unknownKey(String digits)
    {
        return "Got unknown option from user: " + digits;
    }
}
