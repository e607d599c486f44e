package dev.iris.relay;

import dev.iris.relay.testing.FakeIrisApi;
import dev.iris.testing.PackagedJarContract;
import dev.iris.testing.PackagedProcess;
import dev.iris.testing.config.ExampleConfigs;
import dev.iris.testing.db.EmbeddedMariaDb;
import dev.iris.testing.fakes.FakeTwilioServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded iris-relay jar, as production runs it: every class Iris's code refers to is in it,
 * no database library and nothing of development or tests is, it stays within its size, it
 * checks the production config, and with that config it relays a Twilio-signed SMS reply to the
 * API and answers with TwiML. Runs in the integration-test phase (failsafe), after the jar is
 * built.
 */
final class PackagedJarIT
        extends PackagedJarContract
{
    private static final String TWILIO_ACCOUNT = "AC" + "0123456789abcdef".repeat(2);
    private static final String TWILIO_TOKEN = "twilio-token-for-the-packaged-relay";
    private static final String RELAY_KEY = "relay-key-for-the-packaged-relay";

    /** README, "Processes". */
    @Override
    protected double maxMegabytes()
    {
        return 20;
    }

    @Override
    protected String process()
    {
        return "iris-relay";
    }

    @Override
    protected List<String> forbiddenPrefixes()
    {
        return List.of(
                "com/mysql/",
                "org/mariadb/",
                "org/jdbi/",
                "com/zaxxer/",
                "org/flywaydb/",
                "dev/iris/db/",
                "dev/iris/core/");
    }

    @Test
    void takesOnlyTheRequestValidatorFromTwilio()
    {
        assertThat(jar.containsClass("com.twilio.security.RequestValidator")).isTrue();
        assertThat(jar.entriesUnder("com/twilio/rest/", "com/twilio/twiml/", "com/ctc/wstx/", "io/jsonwebtoken/")).isEmpty();
    }

    @Test
    void relaysASignedSmsReplyWithTheProductionConfig()
            throws Exception
    {
        int port = EmbeddedMariaDb.freePort();
        int adminPort = EmbeddedMariaDb.freePort();
        try (FakeIrisApi api = FakeIrisApi.start(RELAY_KEY);
                FakeTwilioServer twilio = FakeTwilioServer.start(TWILIO_ACCOUNT, TWILIO_TOKEN)) {
            api.respondAppResponse("/v0/response/twilio/messages", "Iris incident(12) claimed.");
            Map<String, String> environment = Map.of(
                    "IRIS_API_URL", api.url(),
                    "IRIS_RELAY_KEY", RELAY_KEY,
                    "TWILIO_AUTH_TOKEN", TWILIO_TOKEN,
                    "IRIS_RELAY_PORT", Integer.toString(port),
                    "IRIS_RELAY_ADMIN_PORT", Integer.toString(adminPort));
            try (PackagedProcess relay = jar.start(directory.resolve("iris-relay.log"), environment, "server", ExampleConfigs.production("iris-relay").toString())) {
                relay.awaitOk(URI.create("http://127.0.0.1:" + adminPort + "/ping"), Duration.ofMinutes(2));
                String url = "http://127.0.0.1:" + port + "/api/v0/twilio/messages/relay";

                FakeTwilioServer.Answer answer = twilio.sendInboundSms(url, "+14155550100", "+15005550006", "12 claim");
                FakeTwilioServer.Answer forged = new FakeTwilioServer.Answer(0, "");
                try (FakeTwilioServer impostor = FakeTwilioServer.start(TWILIO_ACCOUNT, "not-the-token")) {
                    forged = impostor.sendInboundSms(url, "+14155550100", "+15005550006", "12 claim");
                }

                assertThat(answer.status()).as(relay.log()).isEqualTo(200);
                assertThat(answer.body()).contains("<Response><Message>Iris incident(12) claimed.</Message></Response>");
                assertThat(api.forwarded()).hasSize(1);
                assertThat(api.forwarded().get(0).body()).contains("Body=12+claim");
                assertThat(api.forwarded().get(0).relayWindow()).isTrue();
                assertThat(forged.status()).isIn(401, 403);
            }
        }
    }
}
