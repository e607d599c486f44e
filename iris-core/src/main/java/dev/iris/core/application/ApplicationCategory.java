package dev.iris.core.application;

/**
 * A notification category as an application's listing shows it.
 */
public record ApplicationCategory(long id, String name, String description, String mode) {}
