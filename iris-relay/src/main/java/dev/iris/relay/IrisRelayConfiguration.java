package dev.iris.relay;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.constraints.NotNull;

/**
 * iris-relay's YAML. The relay has no database: it forwards to the API as the {@code iris-relay}
 * application.
 */
public class IrisRelayConfiguration
        extends Configuration
{
    /** Base URL of iris-api, e.g. {@code http://localhost:16649}. */
    @NotNull
    @JsonProperty
    private String apiUrl = "http://localhost:16649";

    /** The application the relay signs its API calls as. */
    @NotNull
    @JsonProperty
    private String relayApplication = "iris-relay";

    /** That application's API key (a secret). */
    @JsonProperty
    private String relayKey = "";

    public String getApiUrl()
    {
        return apiUrl;
    }

    public String getRelayApplication()
    {
        return relayApplication;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public String getRelayKey()
    {
        return relayKey;
    }
}
