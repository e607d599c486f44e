package dev.iris.sender.dispatch;

import dev.iris.sender.storm.DefaultQuota;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Configurable delivery rules beyond timing and retries.
 *
 * @param smsOverrideTemplate the SMS body for users who opted into {@code mode_template_override};
 *        {@code %s} stands for the incident id
 * @param defaultQuota the quota of applications without an {@code application_quota} row, or
 *        empty for none
 */
public record DispatchRules(String smsOverrideTemplate, Optional<DefaultQuota> defaultQuota)
{
    /**
     * Iris has no default for {@code sms_override_template}; this one says where to look.
     */
    public static final String IRIS_SMS_OVERRIDE_TEMPLATE = "Iris incident %s needs your attention. Please check Iris for the details.";

    public DispatchRules
    {
        requireNonNull(smsOverrideTemplate, "smsOverrideTemplate is null");
        requireNonNull(defaultQuota, "defaultQuota is null");
    }

    /**
     * What production runs with unless configured otherwise: Iris's behaviour.
     */
    public static DispatchRules irisDefaults()
    {
        return new DispatchRules(IRIS_SMS_OVERRIDE_TEMPLATE, Optional.of(DefaultQuota.iris()));
    }

    /**
     * Iris's defaults without the default quota: applications without a quota row are not counted.
     */
    public static DispatchRules withoutDefaultQuota()
    {
        return new DispatchRules(IRIS_SMS_OVERRIDE_TEMPLATE, Optional.empty());
    }
}
