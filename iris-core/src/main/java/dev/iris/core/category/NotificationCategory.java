package dev.iris.core.category;

/**
 * An application's category of out-of-band notifications and its default mode.
 */
public record NotificationCategory(long id, String name, String application, String description, String mode) {}
