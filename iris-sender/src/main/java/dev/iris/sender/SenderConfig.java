package dev.iris.sender;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.iris.sender.dispatch.DispatchRules;
import dev.iris.sender.dispatch.DispatchSettings;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.util.List;

/**
 * The {@code sender:} section of iris-sender's YAML. The defaults suit production.
 */
public class SenderConfig
{
    /**
     * How often an idle sender looks for due escalation work (one indexed read per escalation
     * thread); the bound on how long a new trigger waits for its first page.
     */
    @NotNull
    @JsonProperty
    private Duration pollInterval = Duration.milliseconds(25);

    @Min(1)
    @Max(1000)
    @JsonProperty
    private int escalationBatchSize = 100;

    @Min(1)
    @Max(1000)
    @JsonProperty
    private int dispatchBatchSize = 50;

    /** Parallel escalation passes (they wait on database round trips more than on CPU). */
    @Min(1)
    @Max(64)
    @JsonProperty
    private int escalationThreads = 2;

    /** Parallel claim passes feeding the send threads. */
    @Min(1)
    @Max(64)
    @JsonProperty
    private int dispatchThreads = 4;

    /**
     * Most vendor calls in flight at once, one thread each: a sender delivers about this many
     * divided by the vendor's latency per second (512 / 0.3 s is 1,700 a second).
     */
    @Min(1)
    @Max(4096)
    @JsonProperty
    private int sendThreads = 512;

    /** How long a send may take before another sender may take the message over. */
    @NotNull
    @JsonProperty
    private Duration sendDeadline = Duration.seconds(60);

    /**
     * How long after its first attempt a failing page is retried (in its mode, then the person's
     * fallback modes) before it is declared undeliverable and the plan's creator is told.
     */
    @NotNull
    @JsonProperty
    private Duration deliveryBudget = Duration.minutes(30);

    /** How long transient failures of one mode are retried before the page tries the next mode. */
    @NotNull
    @JsonProperty
    private Duration fallbackAfter = Duration.minutes(2);

    /** The order in which a failing page tries the person's other modes. */
    @NotNull
    @JsonProperty
    private List<@NotBlank String> fallbackModes = DispatchSettings.DEFAULT_FALLBACK_MODES;

    @NotNull
    @JsonProperty
    private Duration retryBackoff = Duration.seconds(5);

    @NotNull
    @JsonProperty
    private Duration maxBackoff = Duration.minutes(1);

    /** The application Iris's own messages and quota incidents belong to. */
    @NotBlank
    @JsonProperty
    private String senderApplication = "iris";

    /**
     * The SMS body of incident messages for users who opted into the template override (carriers
     * in some countries drop unregistered text); {@code %s} stands for the incident id.
     */
    @NotBlank
    @JsonProperty
    private String smsOverrideTemplate = DispatchRules.IRIS_SMS_OVERRIDE_TEMPLATE;

    /** The quota of applications without an {@code application_quota} row. */
    @Valid
    @NotNull
    @JsonProperty
    private DefaultQuotaConfig defaultQuota = new DefaultQuotaConfig();

    public java.time.Duration getPollInterval()
    {
        return pollInterval.toJavaDuration();
    }

    public int getEscalationBatchSize()
    {
        return escalationBatchSize;
    }

    public int getDispatchBatchSize()
    {
        return dispatchBatchSize;
    }

    public int getEscalationThreads()
    {
        return escalationThreads;
    }

    public int getDispatchThreads()
    {
        return dispatchThreads;
    }

    public int getSendThreads()
    {
        return sendThreads;
    }

    public String getSenderApplication()
    {
        return senderApplication;
    }

    public DispatchRules dispatchRules()
    {
        return new DispatchRules(smsOverrideTemplate, defaultQuota.toDefaultQuota());
    }

    public DispatchSettings dispatchSettings()
    {
        return new DispatchSettings(sendDeadline.toJavaDuration(), deliveryBudget.toJavaDuration(), fallbackAfter.toJavaDuration(),
                retryBackoff.toJavaDuration(), maxBackoff.toJavaDuration(), fallbackModes);
    }
}
