package dev.iris.plugin.smtp;

import dev.iris.spi.vendor.OutboundMessage;

import java.util.Map;

/**
 * Outbound emails for the smtp plugin's tests: message 42 of incident 7, application grafana,
 * priority high, plan db-plan.
 */
final class TestMessages
{
    private TestMessages() {}

    static OutboundMessage email(String destination, String subject, String body, Map<String, String> headers)
    {
        return new OutboundMessage(42, "email", destination, subject, body, null, "grafana", "high", 7L, null, "db-plan", true, headers);
    }

    static OutboundMessage email(String destination, String subject)
    {
        return email(destination, subject, "body", Map.of());
    }
}
