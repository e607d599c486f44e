package dev.iris.api.webhook;

import dev.iris.core.http.IrisException;

/**
 * A webhook payload that cannot be used: 400 with a description naming what is missing or wrong.
 * Alertmanager and Grafana do not retry 4xx, which is right for a payload that will never parse.
 */
public final class AlertPayloadException
        extends IrisException
{
    public AlertPayloadException(String description)
    {
        super(400, "Invalid alert payload", description);
    }
}
