package dev.iris.core.stats;

import java.util.Map;
import java.util.Set;

/**
 * Which final statuses count as delivered or failed, per mode, as Iris's statistics count them:
 * SMS undelivered = fail, sent or delivered = success; call completed = success, failed = fail;
 * other modes: sent = success, failed = fail. Anything else (busy, no-answer...) is "other".
 */
final class DeliveryOutcome
{
    private static final Map<String, Set<String>> SUCCESS = Map.of(
            "sms", Set.of("sent", "delivered"),
            "call", Set.of("completed"));
    private static final Map<String, Set<String>> FAILURE = Map.of(
            "sms", Set.of("undelivered", "failed"),
            "call", Set.of("failed"));
    private static final Set<String> DEFAULT_SUCCESS = Set.of("sent", "delivered");
    private static final Set<String> DEFAULT_FAILURE = Set.of("failed");

    private DeliveryOutcome() {}

    static boolean isSuccess(String mode, String status)
    {
        return SUCCESS.getOrDefault(mode, DEFAULT_SUCCESS).contains(status);
    }

    static boolean isFailure(String mode, String status)
    {
        return FAILURE.getOrDefault(mode, DEFAULT_FAILURE).contains(status);
    }
}
