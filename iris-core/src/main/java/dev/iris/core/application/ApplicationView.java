package dev.iris.core.application;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * An application as {@code GET /v0/applications[/{app}]} shows it. Keys are never part of it.
 */
@JsonPropertyOrder({"name", "context_template", "sample_context", "summary_template", "mobile_template", "variables", "required_variables",
        "title_variable", "default_modes", "supported_modes", "owners", "custom_sender_addresses", "categories"})
public record ApplicationView(
        String name,
        @JsonProperty("context_template") String contextTemplate,
        @JsonProperty("sample_context") String sampleContext,
        @JsonProperty("summary_template") String summaryTemplate,
        @JsonProperty("mobile_template") String mobileTemplate,
        List<String> variables,
        @JsonProperty("required_variables") List<String> requiredVariables,
        @JsonProperty("title_variable") String titleVariable,
        @JsonProperty("default_modes") Map<String, String> defaultModes,
        @JsonProperty("supported_modes") List<String> supportedModes,
        List<String> owners,
        @JsonProperty("custom_sender_addresses") Map<String, String> customSenderAddresses,
        List<ApplicationCategory> categories) {}
