package dev.iris.core.incident;

/**
 * An incident after a claim ({@code owner} set, {@code active} false) or an unclaim
 * ({@code owner} null, {@code active} true).
 */
public record ClaimResult(long incidentId, String owner, boolean active) {}
