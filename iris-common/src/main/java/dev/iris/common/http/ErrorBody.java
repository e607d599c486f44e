package dev.iris.common.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Iris's error body, {@code {"title": ..., "description": ...}}; the description is left out when
 * empty, as Falcon does.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorBody(String title, String description) {}
