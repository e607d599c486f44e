package dev.iris.core.target;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A priority and the mode it uses when nobody chose another; {@code GET /v0/priorities} shows
 * name and default mode.
 */
public record Priority(@JsonIgnore long id, String name, @JsonProperty("default_mode") String defaultMode) {}
