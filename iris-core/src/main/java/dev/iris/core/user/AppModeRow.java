package dev.iris.core.user;

/**
 * One row of a user's per-application priority-to-mode settings.
 */
public record AppModeRow(String application, String priority, String mode) {}
