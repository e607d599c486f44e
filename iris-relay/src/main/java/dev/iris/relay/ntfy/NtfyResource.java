package dev.iris.relay.ntfy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.common.http.IrisException;
import dev.iris.relay.action.TokenClaims;
import dev.iris.relay.http.RequestBodies;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;

import static java.util.Objects.requireNonNull;

/**
 * The "Claim" action button of an ntfy notification: the ntfy app POSTs
 * {@code {"token": "<signed claim token>"}} here. ntfy signs nothing itself, so the token is the
 * proof (see {@link TokenClaims}).
 */
@Path("/api/v0/ntfy/claim")
public final class NtfyResource
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 4096;

    private final TokenClaims claims;

    public NtfyResource(TokenClaims claims)
    {
        this.claims = requireNonNull(claims, "claims is null");
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public ClaimAnswer claim(InputStream body)
    {
        JsonNode json;
        try {
            json = MAPPER.readTree(RequestBodies.read(body, MAX_BODY_BYTES));
        }
        catch (IOException e) {
            throw IrisException.badRequest("Bad Request", "The body is not JSON");
        }
        JsonNode token = json == null ? null : json.get("token");
        if (token == null || !token.isTextual()) {
            throw IrisException.badRequest("Bad Request", "Missing the token field");
        }
        return new ClaimAnswer(claims.claim(token.asText()));
    }

    /**
     * The answer; the ntfy app shows whether the request succeeded.
     */
    public record ClaimAnswer(@JsonProperty("text") String text) {}
}
