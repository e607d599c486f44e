package dev.iris.relay.mattermost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The integration URL of the "Claim" button on a Mattermost page. Mattermost's server POSTs
 * {@code {user_id, user_name, channel_id, post_id, ..., context}} here and signs nothing, so the
 * button's {@code context.token} (a signed, expiring, single-use claim token, see
 * {@link TokenClaims}) is the proof; it names the message and the Mattermost username it went to,
 * which claims; on a team channel's post (a countdown) the token names the channel and the
 * presser's {@code user_name} claims. The answer is Mattermost's integration response: a claim replaces the post's
 * buttons with the outcome ({@code update}) and tells the presser ({@code ephemeral_text}); a
 * refused button only tells the presser, with status 200, because Mattermost shows any other
 * status as a bare "action failed".
 */
@Path("/api/v0/mattermost/action")
public final class MattermostResource
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 16 * 1024;

    private final TokenClaims claims;

    public MattermostResource(TokenClaims claims)
    {
        this.claims = requireNonNull(claims, "claims is null");
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public JsonNode action(InputStream body)
    {
        JsonNode request;
        try {
            request = MAPPER.readTree(RequestBodies.read(body, MAX_BODY_BYTES));
        }
        catch (IOException e) {
            throw IrisException.badRequest("Bad Request", "The body is not JSON");
        }
        JsonNode token = request == null ? null : request.path("context").get("token");
        if (token == null || !token.isTextual()) {
            throw IrisException.badRequest("Bad Request", "Missing context.token");
        }
        ObjectNode answer = MAPPER.createObjectNode();
        String text;
        try {
            JsonNode presser = request.get("user_name");
            text = claims.claim(token.asText(), presser != null && presser.isTextual() ? presser.asText() : null);
        }
        catch (IrisException refused) {
            if (refused.status() != 401 && refused.status() != 409) {
                throw refused;
            }
            return answer.put("ephemeral_text", refused.description());
        }
        // The post keeps its text; its attachment (and with it the button) becomes the outcome.
        ObjectNode update = answer.putObject("update");
        update.putObject("props").putArray("attachments").addObject()
                .put("fallback", text)
                .put("color", "#3db887")
                .put("text", text);
        return answer.put("ephemeral_text", text);
    }
}
