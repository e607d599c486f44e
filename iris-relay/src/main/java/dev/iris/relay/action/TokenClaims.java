package dev.iris.relay.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.common.client.IrisApiResponse;
import dev.iris.common.client.IrisApiUnreachableException;
import dev.iris.common.http.IrisException;
import dev.iris.relay.api.ApiClient;
import dev.iris.relay.api.ReplyTexts;
import dev.iris.relay.http.ReplayGuard;
import dev.iris.spi.action.ActionToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Turns a signed claim token (see {@link ActionToken}) into a claim: verifies it (constant-time MAC,
 * expiry), refuses a second use, and forwards {@code {msg_id, source, content: "claim"}} to the
 * API's {@code /v0/response/<channel>} as iris-relay, where it claims exactly as an SMS reply does.
 * A use that never reached the API is forgotten, so the person can tap again.
 */
public final class TokenClaims
{
    private static final Logger log = LoggerFactory.getLogger(TokenClaims.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String channel;
    private final Optional<ActionToken> tokens;
    private final ApiClient api;
    private final Duration apiTimeout;
    private final Clock clock;
    private final ReplayGuard used;

    public TokenClaims(String channel, String secret, ApiClient api, Duration apiTimeout, Clock clock)
    {
        this.channel = requireNonNull(channel, "channel is null");
        requireNonNull(secret, "secret is null");
        if (!secret.isEmpty() && secret.length() < ActionToken.MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(channel + ".actionSecret must have at least " + ActionToken.MIN_SECRET_LENGTH + " characters");
        }
        this.tokens = secret.isEmpty() ? Optional.empty() : Optional.of(new ActionToken(channel, secret));
        this.api = requireNonNull(api, "api is null");
        this.apiTimeout = requireNonNull(apiTimeout, "apiTimeout is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.used = new ReplayGuard(clock);
    }

    /**
     * Claims with {@code token}; the text to show the person.
     *
     * @throws IrisException 401 for a token that is not valid (forged, altered, expired, or no
     *         secret configured), 409 for one already used
     */
    public String claim(String token)
    {
        return claim(token, null);
    }

    /**
     * Claims with {@code token} pressed by {@code presser} (the channel's own name for the person
     * who pressed, or null when the channel does not say). A token for a channel post (its
     * recipient is {@code ~channel}, a countdown notification) claims as the presser, since the
     * whole team sees the button; a token for a person claims as that person whoever presses.
     *
     * @throws IrisException 400 for a channel token without a presser, otherwise as {@link #claim(String)}
     */
    public String claim(String token, String presser)
    {
        if (tokens.isEmpty()) {
            log.warn("Refused a {} claim: no actionSecret is configured", channel);
            throw IrisException.unauthorized("Unauthorized", "Claims on " + channel + " are not configured");
        }
        ActionToken.Claim claim = tokens.get().verify(token, clock.instant()).orElseThrow(() -> {
            log.warn("Refused a {} claim: the token is invalid or expired", channel);
            return IrisException.unauthorized("Unauthorized", "This claim button is invalid or has expired; claim in the Iris web UI");
        });
        String source = claim.recipient();
        if (source.startsWith("~")) {
            if (presser == null || presser.isBlank()) {
                throw IrisException.badRequest("Bad Request", "This claim button is in a channel and the request does not say who pressed it");
            }
            source = presser.strip();
        }
        if (!used.firstSeen(claim.id(), claim.expires().getEpochSecond())) {
            log.warn("Refused a {} claim for message {}: the token was already used", channel, claim.messageId());
            throw new IrisException(409, "Already used", "This claim button was already used");
        }
        String path = "/v0/response/" + channel;
        IrisApiResponse response;
        try {
            response = api.post(path, ApiClient.JSON, MAPPER.createObjectNode()
                    .put("msg_id", claim.messageId())
                    .put("source", source)
                    .put("content", "claim")
                    .toString(), apiTimeout);
        }
        catch (IrisApiUnreachableException e) {
            if (!e.timedOut()) {
                used.forget(claim.id());
            }
            return e.timedOut() ? ReplyTexts.API_SLOW : ReplyTexts.API_UNREACHABLE;
        }
        if (response.status() >= 500) {
            used.forget(claim.id());
        }
        return ReplyTexts.forAnswer(response, path);
    }
}
