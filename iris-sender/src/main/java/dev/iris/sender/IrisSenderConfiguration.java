package dev.iris.sender;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.iris.core.config.IrisBaseConfiguration;
import dev.iris.core.plugin.PluginInstanceConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.ArrayList;
import java.util.List;

/**
 * iris-sender's YAML.
 */
public class IrisSenderConfiguration
        extends IrisBaseConfiguration
{
    /** Development mode: migrate the schema at startup. */
    @JsonProperty
    private boolean devMode;

    /** Vendor instances: {@code [{type: twilio, name: twilio-primary, config: {...}}]}. */
    @Valid
    @NotNull
    @JsonProperty
    private List<PluginInstanceConfig> vendors = new ArrayList<>();

    /** Role lookups, asked in this order. */
    @Valid
    @NotNull
    @JsonProperty
    private List<PluginInstanceConfig> roleLookups = new ArrayList<>();

    /** Timing, batching and retries of the escalation engine and dispatcher. */
    @Valid
    @NotNull
    @JsonProperty
    private SenderConfig sender = new SenderConfig();

    public boolean isDevMode()
    {
        return devMode;
    }

    public List<PluginInstanceConfig> getVendors()
    {
        return vendors;
    }

    public List<PluginInstanceConfig> getRoleLookups()
    {
        return roleLookups;
    }

    public SenderConfig getSender()
    {
        return sender;
    }
}
