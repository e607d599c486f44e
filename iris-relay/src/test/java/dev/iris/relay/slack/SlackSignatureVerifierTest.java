package dev.iris.relay.slack;

import dev.iris.common.http.IrisException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class SlackSignatureVerifierTest
{
    // Slack's documented example.
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final long TIMESTAMP = 1531420618;
    private static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    @Test
    void signsLikeSlacksDocumentedExample()
    {
        assertThat(SlackSignatureVerifier.sign(SECRET.getBytes(StandardCharsets.UTF_8), String.valueOf(TIMESTAMP), BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(SIGNATURE);
    }

    @Test
    void acceptsSlacksExampleWithinTheWindow()
    {
        verifierAt(TIMESTAMP + 299).verify(String.valueOf(TIMESTAMP), SIGNATURE, BODY.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void refusesARequestOlderThanFiveMinutes()
    {
        assertUnauthorized(verifierAt(TIMESTAMP + 301), String.valueOf(TIMESTAMP), SIGNATURE, BODY, "replay window");
    }

    @Test
    void refusesARequestFromTheFuture()
    {
        assertUnauthorized(verifierAt(TIMESTAMP - 301), String.valueOf(TIMESTAMP), SIGNATURE, BODY, "replay window");
    }

    @Test
    void refusesTheSameSignedRequestTwice()
    {
        SlackSignatureVerifier verifier = verifierAt(TIMESTAMP + 10);
        verifier.verify(String.valueOf(TIMESTAMP), SIGNATURE, BODY.getBytes(StandardCharsets.UTF_8));

        assertUnauthorized(verifier, String.valueOf(TIMESTAMP), SIGNATURE, BODY, "Replayed");
    }

    @Test
    void refusesATamperedBody()
    {
        assertUnauthorized(verifierAt(TIMESTAMP), String.valueOf(TIMESTAMP), SIGNATURE, BODY.replace("roadrunner", "coyote"), "Invalid Slack signature");
    }

    @Test
    void refusesATimestampThatWasNotSigned()
    {
        assertUnauthorized(verifierAt(TIMESTAMP), String.valueOf(TIMESTAMP + 1), SIGNATURE, BODY, "Invalid Slack signature");
    }

    @Test
    void refusesMissingOrMalformedHeaders()
    {
        SlackSignatureVerifier verifier = verifierAt(TIMESTAMP);
        assertUnauthorized(verifier, null, SIGNATURE, BODY, "Missing");
        assertUnauthorized(verifier, String.valueOf(TIMESTAMP), null, BODY, "Missing");
        assertUnauthorized(verifier, "yesterday", SIGNATURE, BODY, "Invalid X-Slack-Request-Timestamp");
    }

    @Test
    void refusesEverythingWithoutASigningSecret()
    {
        SlackSignatureVerifier verifier = new SlackSignatureVerifier("", Duration.ofMinutes(5), clockAt(TIMESTAMP));
        assertUnauthorized(verifier, String.valueOf(TIMESTAMP), SIGNATURE, BODY, "No Slack signing secret");
    }

    private static SlackSignatureVerifier verifierAt(long nowSeconds)
    {
        return new SlackSignatureVerifier(SECRET, Duration.ofMinutes(5), clockAt(nowSeconds));
    }

    private static Clock clockAt(long seconds)
    {
        return Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
    }

    private static void assertUnauthorized(SlackSignatureVerifier verifier, String timestamp, String signature, String body, String reason)
    {
        assertThatThrownBy(() -> verifier.verify(timestamp, signature, body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(IrisException.class, exception -> {
                    assertThat(exception.status()).isEqualTo(401);
                    assertThat(exception.description()).contains(reason).doesNotContain(SECRET);
                });
    }
}
