package dev.iris.core.application;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The body of {@code PUT /v0/applications/{app}}: templates and variables always; owners, custom
 * sender addresses (an empty value removes one), supported modes (admins only) and default modes
 * when present.
 */
public record ApplicationSettings(
        String sampleContext,
        String contextTemplate,
        String summaryTemplate,
        String mobileTemplate,
        List<String> variables,
        Optional<String> titleVariable,
        Optional<List<String>> owners,
        Optional<Map<String, Optional<String>>> customSenderAddresses,
        Optional<List<String>> supportedModes,
        Optional<Map<String, String>> defaultModes)
{
    public ApplicationSettings
    {
        requireNonNull(variables, "variables is null");
        requireNonNull(titleVariable, "titleVariable is null");
        requireNonNull(owners, "owners is null");
        requireNonNull(customSenderAddresses, "customSenderAddresses is null");
        requireNonNull(supportedModes, "supportedModes is null");
        requireNonNull(defaultModes, "defaultModes is null");
    }
}
