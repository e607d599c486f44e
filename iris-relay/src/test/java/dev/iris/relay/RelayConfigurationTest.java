package dev.iris.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.relay.testing.FakeIrisApi;
import dev.iris.relay.testing.Http;
import dev.iris.relay.testing.TestingRelay;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

final class RelayConfigurationTest
{
    private static final ObjectMapper MAPPER = Jackson.newObjectMapper();

    @Test
    void exampleConfigsLoadAndValidate()
            throws Exception
    {
        IrisRelayConfiguration production = load("iris-relay.yaml");
        assertThat(production.getTwilio().getAuthTokens()).as("unset environment variables leave no usable token").isEmpty();
        assertThat(production.getRelayKey()).isEmpty();
        assertThat(production.getEmail().getImap().isEnabled()).isFalse();
        assertThat(production.getSlack().getReplayWindow().toSeconds()).isEqualTo(300);

        IrisRelayConfiguration development = load("iris-relay.dev.yaml");
        assertThat(development.getTwilio().getAuthTokens()).containsExactly("twilio-dev-auth-token");
        assertThat(development.getRelayKey()).isEqualTo("relay-dev-key");
        assertThat(development.getEmail().getInboundSecret()).hasValue("inbound-mail-dev-secret");
    }

    @Test
    void serializedConfigurationShowsNoSecrets()
            throws Exception
    {
        try (FakeIrisApi api = FakeIrisApi.start(TestingRelay.RELAY_KEY);
                TestingRelay relay = TestingRelay.builder(api.url()).imap(1, "iris", "imap-secret-password").start()) {
            String json = MAPPER.writeValueAsString(relay.configuration());

            assertThat(json)
                    .contains(api.url())
                    .doesNotContain(TestingRelay.RELAY_KEY)
                    .doesNotContain(TestingRelay.PRIMARY_TWILIO_TOKEN)
                    .doesNotContain(TestingRelay.SECONDARY_TWILIO_TOKEN)
                    .doesNotContain(TestingRelay.SLACK_SECRET)
                    .doesNotContain(TestingRelay.INBOUND_MAIL_SECRET)
                    .doesNotContain("imap-secret-password");
        }
    }

    @Test
    void healthChecksAreGoodWhenTheApiAnswers()
            throws Exception
    {
        try (FakeIrisApi api = FakeIrisApi.start(TestingRelay.RELAY_KEY);
                TestingRelay relay = TestingRelay.builder(api.url()).start()) {
            HttpResponse<String> loadBalancer = Http.get(relay.uri("/healthcheck"));
            HttpResponse<String> admin = Http.get(relay.adminUri("/healthcheck"));

            assertThat(loadBalancer.statusCode()).isEqualTo(200);
            assertThat(loadBalancer.body()).isEqualTo("GOOD");
            assertThat(admin.statusCode()).isEqualTo(200);
            assertThat(admin.body()).contains("\"relay\"").contains("forwarding to " + api.url());
        }
    }

    /**
     * Iris's healthcheck_path: the load balancer check answers the file's first line, 404 without
     * the file, so an operator drains a relay by editing or removing it.
     */
    @Test
    void loadBalancerCheckAnswersTheHealthcheckFile(@TempDir Path directory)
            throws Exception
    {
        Path file = directory.resolve("status");
        Files.writeString(file, "GOOD\n");
        try (FakeIrisApi api = FakeIrisApi.start(TestingRelay.RELAY_KEY);
                TestingRelay relay = TestingRelay.builder(api.url()).healthcheckPath(file.toString()).start()) {
            assertThat(Http.get(relay.uri("/healthcheck")).body()).isEqualTo("GOOD");

            Files.writeString(file, "BAD\nmaintenance\n");
            HttpResponse<String> draining = Http.get(relay.uri("/healthcheck"));
            assertThat(draining.statusCode()).isEqualTo(200);
            assertThat(draining.body()).isEqualTo("BAD");

            Files.delete(file);
            HttpResponse<String> missing = Http.get(relay.uri("/healthcheck"));
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).isEmpty();
        }
    }

    @Test
    void healthCheckIsUnhealthyWithoutARelayKey()
            throws Exception
    {
        try (FakeIrisApi api = FakeIrisApi.start(TestingRelay.RELAY_KEY);
                TestingRelay relay = TestingRelay.builder(api.url()).relayKey("\"\"").start()) {
            HttpResponse<String> admin = Http.get(relay.adminUri("/healthcheck"));

            assertThat(admin.statusCode()).isEqualTo(500);
            assertThat(admin.body()).contains("no relayKey configured");
        }
    }

    private static IrisRelayConfiguration load(String name)
            throws Exception
    {
        YamlConfigurationFactory<IrisRelayConfiguration> factory = new YamlConfigurationFactory<>(
                IrisRelayConfiguration.class, Validators.newValidator(), MAPPER, "dw");
        Path file = repositoryRoot().resolve("configs").resolve(name);
        return factory.build(
                new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)),
                file.toString());
    }

    private static Path repositoryRoot()
    {
        String root = System.getenv("IRIS_TEST_ROOT");
        return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
    }
}
