package dev.iris.relay.twilio;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code twilio:} section: the auth tokens whose signatures are accepted and the public URL
 * Twilio calls.
 */
public class TwilioConfig
{
    /**
     * Account auth tokens; a request signed with any of them is accepted, so a new token can be
     * added before Twilio switches to it. Blank entries (unset environment variables) are ignored.
     */
    // An unset environment variable (${X:-}) arrives as null: treat it as empty.
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    private List<String> authTokens = new ArrayList<>();

    /**
     * The relay's root URL as Twilio sees it, e.g. {@code https://relay.example.com/iris} behind a
     * TLS-terminating load balancer that strips {@code /iris}. Signatures are checked against this
     * URL and voice menus point Twilio back at it. Empty: the URL of the request as received.
     */
    // An unset environment variable (${X:-}) arrives as null: treat it as empty.
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    @JsonProperty
    private String publicBaseUrl = "";

    public List<String> getAuthTokens()
    {
        return authTokens.stream()
                .filter(token -> token != null && !token.isBlank())
                .toList();
    }

    public Optional<String> getPublicBaseUrl()
    {
        return publicBaseUrl.isBlank() ? Optional.empty() : Optional.of(publicBaseUrl.strip());
    }
}
