package dev.iris.core.target;

/**
 * A user as the target tables know it.
 */
public record UserTarget(long id, String name, boolean active, boolean admin) {}
