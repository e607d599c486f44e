package dev.iris.relay.testing;

import dev.iris.relay.IrisRelayApplication;
import dev.iris.relay.IrisRelayConfiguration;
import io.dropwizard.testing.DropwizardTestSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A real iris-relay on free ports, configured through a YAML file like production.
 */
public final class TestingRelay
        implements AutoCloseable
{
    public static final String RELAY_KEY = "relay-test-key";
    public static final String PRIMARY_TWILIO_TOKEN = "twilio-primary-token";
    public static final String SECONDARY_TWILIO_TOKEN = "twilio-rotated-token";
    public static final String SLACK_SECRET = "slack-signing-secret-for-tests";
    public static final String INBOUND_MAIL_SECRET = "inbound-mail-secret-for-tests";
    public static final String NTFY_SECRET = "ntfy-action-secret-for-relay-tests";
    public static final String MATTERMOST_SECRET = "mattermost-action-secret-for-relay-tests";
    public static final String TEAMS_SECRET = "teams-action-secret-for-relay-tests-01";
    public static final String TELEGRAM_SECRET = "telegram-webhook-secret-for-tests";

    private final DropwizardTestSupport<IrisRelayConfiguration> support;
    private final Path configFile;

    private TestingRelay(String yaml)
    {
        try {
            configFile = Files.createTempFile("iris-relay-test", ".yaml");
            Files.writeString(configFile, yaml);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        support = new DropwizardTestSupport<>(IrisRelayApplication.class, configFile.toString());
        try {
            support.before();
        }
        catch (Exception e) {
            throw new IllegalStateException("iris-relay did not start", e);
        }
    }

    public static Builder builder(String apiUrl)
    {
        return new Builder(apiUrl);
    }

    public URI uri(String pathAndQuery)
    {
        return URI.create(baseUrl() + pathAndQuery);
    }

    public String baseUrl()
    {
        return "http://localhost:" + support.getLocalPort();
    }

    public URI adminUri(String path)
    {
        return URI.create("http://localhost:" + support.getAdminPort() + path);
    }

    public IrisRelayConfiguration configuration()
    {
        return support.getConfiguration();
    }

    @Override
    public void close()
    {
        support.after();
        try {
            Files.deleteIfExists(configFile);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class Builder
    {
        private final String apiUrl;
        private String relayKey = RELAY_KEY;
        private List<String> twilioTokens = List.of(PRIMARY_TWILIO_TOKEN, SECONDARY_TWILIO_TOKEN);
        private String publicBaseUrl = "";
        private String slackApiTimeout = "1s";
        private String apiRequestTimeout = "5s";
        private final List<String> imapLines = new ArrayList<>();
        private String healthcheckPath;

        private Builder(String apiUrl)
        {
            this.apiUrl = requireNonNull(apiUrl, "apiUrl is null");
        }

        public Builder relayKey(String relayKey)
        {
            this.relayKey = relayKey;
            return this;
        }

        public Builder twilioTokens(List<String> twilioTokens)
        {
            this.twilioTokens = List.copyOf(twilioTokens);
            return this;
        }

        public Builder publicBaseUrl(String publicBaseUrl)
        {
            this.publicBaseUrl = publicBaseUrl;
            return this;
        }

        public Builder apiRequestTimeout(String apiRequestTimeout)
        {
            this.apiRequestTimeout = apiRequestTimeout;
            return this;
        }

        public Builder slackApiTimeout(String slackApiTimeout)
        {
            this.slackApiTimeout = slackApiTimeout;
            return this;
        }

        public Builder healthcheckPath(String healthcheckPath)
        {
            this.healthcheckPath = healthcheckPath;
            return this;
        }

        public Builder imap(int port, String username, String password)
        {
            imapLines.add("    host: 127.0.0.1");
            imapLines.add("    port: " + port);
            imapLines.add("    security: NONE");
            imapLines.add("    username: " + username);
            imapLines.add("    password: " + password);
            imapLines.add("    pollInterval: 100ms");
            imapLines.add("    timeout: 5s");
            return this;
        }

        public TestingRelay start()
        {
            StringBuilder yaml = new StringBuilder()
                    .append("apiUrl: ").append(apiUrl).append('\n')
                    .append("relayApplication: ").append(FakeIrisApi.APPLICATION).append('\n')
                    .append("relayKey: ").append(relayKey).append('\n')
                    .append("apiConnectTimeout: 1s\n")
                    .append(healthcheckPath == null ? "" : "healthcheckPath: \"" + healthcheckPath + "\"\n")
                    .append("apiRequestTimeout: ").append(apiRequestTimeout).append('\n')
                    .append("twilio:\n")
                    .append("  publicBaseUrl: \"").append(publicBaseUrl).append("\"\n")
                    .append("  authTokens:\n");
            twilioTokens.forEach(token -> yaml.append("    - ").append(token).append('\n'));
            yaml.append("slack:\n")
                    .append("  signingSecret: ").append(SLACK_SECRET).append('\n')
                    .append("  apiTimeout: ").append(slackApiTimeout).append('\n')
                    .append("ntfy:\n")
                    .append("  actionSecret: ").append(NTFY_SECRET).append('\n')
                    .append("  apiTimeout: ").append(slackApiTimeout).append('\n')
                    .append("mattermost:\n")
                    .append("  actionSecret: ").append(MATTERMOST_SECRET).append('\n')
                    .append("  apiTimeout: ").append(slackApiTimeout).append('\n')
                    .append("teams:\n")
                    .append("  actionSecret: ").append(TEAMS_SECRET).append('\n')
                    .append("  apiTimeout: ").append(slackApiTimeout).append('\n')
                    .append("telegram:\n")
                    .append("  secretToken: ").append(TELEGRAM_SECRET).append('\n')
                    .append("email:\n")
                    .append("  inboundSecret: ").append(INBOUND_MAIL_SECRET).append('\n')
                    .append("  imap:\n");
            if (imapLines.isEmpty()) {
                yaml.append("    host: \"\"\n");
            }
            imapLines.forEach(line -> yaml.append(line).append('\n'));
            yaml.append("""
                    server:
                      applicationConnectors:
                        - type: http
                          port: 0
                      adminConnectors:
                        - type: http
                          port: 0
                      requestLog:
                        appenders: []
                    logging:
                      level: WARN
                    """);
            return new TestingRelay(yaml.toString());
        }
    }
}
