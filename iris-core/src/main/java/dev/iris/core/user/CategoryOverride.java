package dev.iris.core.user;

/**
 * A user's mode for one notification category ({@code GET /v0/users/{u}/categories}).
 */
public record CategoryOverride(String mode, String category, String application) {}
