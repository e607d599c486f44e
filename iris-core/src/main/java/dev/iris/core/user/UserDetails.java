package dev.iris.core.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * Everything {@code GET /v0/users/{username}} shows about a user, in Iris's shape.
 */
@JsonPropertyOrder({"name", "admin", "template_overrides", "category_overrides", "modes", "device", "per_app_modes", "teams", "contacts"})
public record UserDetails(
        String name,
        boolean admin,
        @JsonProperty("template_overrides") List<String> templateOverrides,
        @JsonProperty("category_overrides") Map<String, CategoryOverrideSetting> categoryOverrides,
        Map<String, String> modes,
        List<Device> device,
        @JsonProperty("per_app_modes") Map<String, Map<String, String>> perAppModes,
        List<String> teams,
        Map<String, String> contacts)
{
    /**
     * A user's mode for one notification category of one application.
     */
    public record CategoryOverrideSetting(@JsonProperty("application_name") String applicationName, String mode, String category) {}

    /**
     * A push-notification device.
     */
    public record Device(@JsonProperty("registration_id") String registrationId, @JsonProperty("user_id") long userId, String platform) {}
}
