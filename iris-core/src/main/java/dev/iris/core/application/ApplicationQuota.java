package dev.iris.core.application;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An application's message quota as {@code GET /v0/applications/{app}/quota} shows it. Durations
 * and {@code wait_time} are seconds; {@code target_role} is the target's type name.
 */
@JsonPropertyOrder({"application", "hard_quota_threshold", "soft_quota_threshold", "hard_quota_duration", "soft_quota_duration",
        "target_name", "target_role", "plan_name", "wait_time"})
public record ApplicationQuota(
        String application,
        @JsonProperty("hard_quota_threshold") long hardQuotaThreshold,
        @JsonProperty("soft_quota_threshold") long softQuotaThreshold,
        @JsonProperty("hard_quota_duration") long hardQuotaDuration,
        @JsonProperty("soft_quota_duration") long softQuotaDuration,
        @JsonProperty("target_name") String targetName,
        @JsonProperty("target_role") String targetRole,
        @JsonProperty("plan_name") String planName,
        @JsonProperty("wait_time") long waitTime) {}
