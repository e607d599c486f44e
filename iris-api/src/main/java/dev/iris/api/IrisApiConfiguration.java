package dev.iris.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.iris.api.ui.UiConfig;
import dev.iris.api.webhook.WebhookConfig;
import dev.iris.core.config.IrisBaseConfiguration;
import dev.iris.core.plugin.PluginInstanceConfig;
import dev.iris.core.retention.RetentionConfig;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * iris-api's YAML.
 */
public class IrisApiConfiguration
        extends IrisBaseConfiguration
{
    /**
     * Development mode: migrate the schema at startup. HMAC is still verified.
     */
    @JsonProperty
    private boolean devMode;

    /**
     * Requests with a larger body get 413 before anything reads them.
     */
    @Min(1024)
    @JsonProperty
    private int maxRequestBytes = 1024 * 1024;

    /**
     * Time zones a user may choose in their settings.
     */
    @NotNull
    @JsonProperty
    private List<String> supportedTimezones = List.of(
            "US/Pacific", "US/Eastern", "US/Central", "US/Mountain", "US/Alaska", "US/Hawaii",
            "Asia/Kolkata", "Asia/Shanghai", "Europe/London", "Europe/Berlin", "UTC");

    /**
     * The web UI's login check: an authenticator plugin ({@code type: local}, {@code type: ldap}).
     * Without it nobody can log in to the UI.
     */
    @Valid
    @JsonProperty
    private PluginInstanceConfig auth;

    /**
     * Role lookups, asked in this order, as the sender's {@code roleLookups}: the plan simulation
     * expands roles through them (default: the database lookup, Iris's built-in roles).
     */
    @Valid
    @NotNull
    @JsonProperty
    private List<PluginInstanceConfig> roleLookups = new ArrayList<>();

    @Valid
    @NotNull
    @JsonProperty
    private UiConfig ui = new UiConfig();

    /**
     * Applications allowed to post replies and delivery callbacks to {@code /v0/response/*} and
     * {@code /v0/twilio/deliveryupdate} (a reply names the replier, so this is a privilege).
     */
    @NotNull
    @JsonProperty
    private List<String> responseApplications = List.of("iris-relay");

    /**
     * Iris's {@code allowed_origins}: browser pages from these origins (e.g.
     * {@code https://oncall.example.com}) may read the API's answers (CORS). Empty: none.
     */
    @NotNull
    @JsonProperty
    private List<String> allowedOrigins = List.of();

    /**
     * Iris's {@code healthcheck_path}: when set, {@code GET /healthcheck} answers the first line of
     * this file (404 when it is missing), so an operator drains a node by editing or removing it.
     * Unset: {@code GOOD} while the database answers.
     */
    @JsonProperty
    private String healthcheckPath;

    /**
     * How long this node trusts what it read about an application (keys, flags, template
     * variables) before reading it again; changes made through this node apply at once, changes
     * through other nodes within this time. 0 reads them for every request.
     */
    @NotNull
    @JsonProperty
    private Duration applicationCacheTtl = Duration.seconds(5);

    /**
     * How often this node looks for missed heartbeats, in seconds; 0 turns the checks off.
     */
    @Min(0)
    @JsonProperty
    private int heartbeatCheckSeconds = 15;

    /**
     * What the {@code retention} command deletes and archives.
     */
    @Valid
    @NotNull
    @JsonProperty
    private RetentionConfig retention = new RetentionConfig();

    /**
     * Inbound alert webhooks: which are enabled, rate limit, body limit.
     */
    @Valid
    @NotNull
    @JsonProperty
    private WebhookConfig webhooks = new WebhookConfig();

    /**
     * The public status page: hold-down, reminders, subscriber emails.
     */
    @Valid
    @NotNull
    @JsonProperty
    private dev.iris.api.status.StatusConfig status = new dev.iris.api.status.StatusConfig();

    public dev.iris.api.status.StatusConfig getStatus()
    {
        return status;
    }

    public WebhookConfig getWebhooks()
    {
        return webhooks;
    }

    public RetentionConfig getRetention()
    {
        return retention;
    }

    public Duration getApplicationCacheTtl()
    {
        return applicationCacheTtl;
    }

    public int getHeartbeatCheckSeconds()
    {
        return heartbeatCheckSeconds;
    }

    public boolean isDevMode()
    {
        return devMode;
    }

    public void setDevMode(boolean devMode)
    {
        this.devMode = devMode;
    }

    public int getMaxRequestBytes()
    {
        return maxRequestBytes;
    }

    public List<String> getSupportedTimezones()
    {
        return supportedTimezones;
    }

    public List<String> getAllowedOrigins()
    {
        return allowedOrigins;
    }

    public Optional<Path> getHealthcheckPath()
    {
        return Optional.ofNullable(healthcheckPath).filter(path -> !path.isBlank()).map(Path::of);
    }

    public List<PluginInstanceConfig> getRoleLookups()
    {
        return roleLookups;
    }

    public Optional<PluginInstanceConfig> getAuth()
    {
        return Optional.ofNullable(auth);
    }

    public void setAuth(PluginInstanceConfig auth)
    {
        this.auth = auth;
    }

    public UiConfig getUi()
    {
        return ui;
    }

    public List<String> getResponseApplications()
    {
        return responseApplications;
    }
}
