package dev.iris.relay.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.relay.testing.FakeIrisApi;
import dev.iris.relay.testing.Http;
import dev.iris.relay.testing.RelayWithFakeApi;
import dev.iris.relay.testing.TestingRelay;
import dev.iris.spi.action.ActionToken;
import dev.iris.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

final class TeamsRelayTest
{
    private static final String PATH = "/api/v0/teams/claim";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ActionToken TOKENS = new ActionToken("teams", TestingRelay.TEAMS_SECRET);

    @RegisterExtension
    static final RelayWithFakeApi RELAY = new RelayWithFakeApi("/v0/response/teams", "Iris incident(9) claimed <at once>.");

    @Test
    void openingTheLinkClaimsNothingAndShowsAStrictConfirmationPage()
            throws Exception
    {
        HttpResponse<String> page = Http.get(RELAY.relay().uri(PATH));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<form method=\"post\" action=\"/api/v0/teams/claim\"").contains("location.hash");
        // The one inline script runs by its hash; nothing else may run.
        java.util.regex.Matcher script = java.util.regex.Pattern.compile("<script>(.*)</script>").matcher(page.body());
        assertThat(script.find()).isTrue();
        String hash = sha256(script.group(1));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'sha256-" + hash + "';")
                .contains("form-action 'self'"));
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(RELAY.api().forwarded()).hasSize(RELAY.before());
    }

    @Test
    void theFormClaimsOnceAsTheSignInNameAndEscapesTheAnswer()
            throws Exception
    {
        String token = TOKENS.issue(4242, "alice@example.com", Instant.now().plusSeconds(600));

        HttpResponse<String> first = submit(token);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("Iris incident(9) claimed &lt;at once&gt;.");
        FakeIrisApi.Forwarded forwarded = RELAY.api().awaitForwarded(RELAY.before() + 1, Duration.ofSeconds(5)).get(RELAY.before());
        assertThat(forwarded.pathAndQuery()).isEqualTo("/v0/response/teams");
        assertThat(MAPPER.readTree(forwarded.body())).isEqualTo(MAPPER.readTree("{\"msg_id\": 4242, \"source\": \"alice@example.com\", \"content\": \"claim\"}"));

        HttpResponse<String> second = submit(token);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("already used").startsWith("<!doctype html>");
        assertThat(RELAY.api().forwarded()).hasSize(RELAY.before() + 1);
    }

    @Test
    void forgedExpiredAndOtherChannelTokensAreRefusedWithAPage()
    {
        String forged = new ActionToken("teams", "an-attacker-guessing-the-secret-0123").issue(1, "alice@example.com", Instant.now().plusSeconds(600));
        String expired = TOKENS.issue(1, "alice@example.com", Instant.now().minusSeconds(1));
        String mattermost = new ActionToken("mattermost", TestingRelay.TEAMS_SECRET).issue(1, "alice@example.com", Instant.now().plusSeconds(600));

        try (LogCapture logs = LogCapture.captureAll()) {
            for (String token : new String[] {forged, expired, mattermost, "v1.x"}) {
                HttpResponse<String> response = submit(token);
                assertThat(response.statusCode()).as(token).isEqualTo(401);
                assertThat(response.body()).startsWith("<!doctype html>").contains("invalid or has expired").doesNotContain(token);
            }
            assertThat(logs.text()).contains("invalid or expired").doesNotContain(forged);
        }
        assertThat(submit("").statusCode()).isEqualTo(400);
        assertThat(Http.post(RELAY.relay().uri(PATH), "application/x-www-form-urlencoded", "token=" + "a".repeat(5000)).statusCode()).isEqualTo(413);
        assertThat(RELAY.api().forwarded()).hasSize(RELAY.before());
    }

    private static String sha256(String text)
            throws java.security.NoSuchAlgorithmException
    {
        return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> submit(String token)
    {
        return Http.post(RELAY.relay().uri(PATH), "application/x-www-form-urlencoded", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }
}
