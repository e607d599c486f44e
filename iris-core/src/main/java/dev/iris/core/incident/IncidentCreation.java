package dev.iris.core.incident;

/**
 * The outcome of creating an incident: its id, and whether an open incident with the same
 * deduplication key absorbed the request instead of a new incident being opened.
 */
public record IncidentCreation(long incidentId, boolean deduplicated) {}
