package dev.iris.api.simulate;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The answer of {@code POST /v0/plans/{name}/simulate}.
 */
public record Simulation(
        @JsonProperty("plan") String plan,
        @JsonProperty("plan_id") long planId,
        @JsonProperty("application") String application,
        @JsonProperty("start") long start,
        @JsonProperty("pages") List<SimulatedPage> pages,
        @JsonProperty("notes") List<String> notes) {}
