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

    /**
     * Role lookups, asked in this order. Empty means the built-in chain: {@code schedule} (Iris's
     * on-call schedules), then {@code database}.
     */
    @Valid
    @NotNull
    @JsonProperty
    private List<PluginInstanceConfig> roleLookups = new ArrayList<>();

    /** Plugin background tasks (e.g. {@code ldap-sync}), each run on its own schedule. */
    @Valid
    @NotNull
    @JsonProperty
    private List<PluginInstanceConfig> tasks = new ArrayList<>();

    /** Timing, batching and retries of the escalation engine and dispatcher. */
    @Valid
    @NotNull
    @JsonProperty
    private SenderConfig sender = new SenderConfig();

    /** Handoff notices of the built-in schedules. */
    @Valid
    @NotNull
    @JsonProperty
    private ScheduleNoticeConfig scheduleNotices = new ScheduleNoticeConfig();

    public ScheduleNoticeConfig getScheduleNotices()
    {
        return scheduleNotices;
    }

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

    public List<PluginInstanceConfig> getTasks()
    {
        return tasks;
    }

    public SenderConfig getSender()
    {
        return sender;
    }
}
