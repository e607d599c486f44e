package dev.iris.api.webhook;

import dev.iris.common.http.IrisException;

/**
 * A webhook payload that cannot be used: 400 with a description naming what is missing or wrong.
 * Alertmanager and Grafana do not retry 4xx, which is right for a payload that will never parse.
 */
public final class AlertPayloadException
        extends IrisException
{
    public static final String TITLE = "Invalid alert payload";

    public AlertPayloadException(String description)
    {
        super(400, TITLE, description);
    }

    /**
     * A refusal Iris words with its own title (for example its webhook's missing-attribute text);
     * the description says exactly what is wrong.
     */
    public AlertPayloadException(String title, String description)
    {
        super(400, title, description);
    }

    /**
     * Falcon's answer to a missing required query parameter, which Iris's webhooks give.
     */
    public static AlertPayloadException missingParameter(String name)
    {
        return new AlertPayloadException("Missing parameter", "The \"" + name + "\" parameter is required.");
    }
}
