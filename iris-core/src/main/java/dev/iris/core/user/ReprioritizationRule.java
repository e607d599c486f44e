package dev.iris.core.user;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * "More than {@code count} messages by {@code srcMode} within {@code duration} seconds: use
 * {@code dstMode} instead."
 */
public record ReprioritizationRule(
        String target,
        @JsonProperty("src_mode") String srcMode,
        @JsonProperty("dst_mode") String dstMode,
        int count,
        int duration) {}
