package dev.iris.api.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.List;

/**
 * The {@code webhooks:} section of iris-api's YAML.
 *
 * <pre>
 * webhooks:
 *   enabled: [alertmanager, grafana, rackspace, freshping, generic]
 *   requestsPerMinute: 120     # per application; 0 = unlimited; over it: 429 + Retry-After
 *   maxBodyBytes: 262144       # larger bodies: 413
 * </pre>
 */
public class WebhookConfig
{
    @NotNull
    @JsonProperty
    private List<String> enabled = List.of("alertmanager", "grafana", "rackspace", "freshping", "generic");

    @Min(0)
    @JsonProperty
    private int requestsPerMinute = 120;

    @Min(1024)
    @Max(16 * 1024 * 1024)
    @JsonProperty
    private int maxBodyBytes = 256 * 1024;

    public List<String> getEnabled()
    {
        return enabled;
    }

    public int getRequestsPerMinute()
    {
        return requestsPerMinute;
    }

    public int getMaxBodyBytes()
    {
        return maxBodyBytes;
    }
}
