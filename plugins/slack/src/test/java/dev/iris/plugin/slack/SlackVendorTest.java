package dev.iris.plugin.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.spi.IrisPlugin;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;
import dev.iris.spi.PluginContext;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.SendResult;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorException;
import dev.iris.spi.vendor.VendorException.Category;
import dev.iris.testing.LogCapture;
import dev.iris.testing.fakes.FakeSlackServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class SlackVendorTest
{
    private static final String TOKEN = "xoxb-very-secret-bot-token";

    private FakeSlackServer slack;

    @BeforeEach
    void startSlack()
    {
        slack = FakeSlackServer.start(TOKEN);
    }

    @AfterEach
    void stopSlack()
    {
        slack.close();
    }

    @Test
    void isRegisteredAsAPlugin()
    {
        assertThat(ServiceLoader.load(IrisPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(plugin -> plugin.getVendorFactories().stream())
                .map(factory -> factory.getName()))
                .contains("slack");
        assertThat(new SlackVendorFactory().getSecuritySensitivePropertyNames()).containsExactly("auth_token");
    }

    @Test
    void postsClaimableIncidentMessagesToTheUserWithClaimButtons()
            throws Exception
    {
        SendResult result = vendor(Map.of()).send(message("jdoe", "Disk <!channel> full & more", true));

        assertThat(slack.messages()).hasSize(1);
        FakeSlackServer.PostedMessage posted = slack.messages().get(0);
        assertThat(posted.channel()).isEqualTo("@jdoe");
        assertThat(posted.text()).isEqualTo("[grafana] Disk &lt;!channel&gt; full &amp; more");
        assertThat(result.vendorMessageId()).endsWith("/" + posted.ts());
        JsonNode attachment = posted.payload().path("attachments").get(0);
        assertThat(attachment.path("callback_id").asText()).isEqualTo("42");
        assertThat(attachment.path("title").asText()).isEqualTo("Iris incident 7");
        assertThat(attachment.path("title_link").asText()).isEqualTo("https://iris.example.com/incidents/7");
        assertThat(attachment.path("pretext").asText()).isEqualTo("Iris needs you");
        assertThat(attachment.path("actions").findValuesAsText("name")).containsExactly("claim", "claim all");
        assertThat(attachment.path("actions").get(1).has("confirm")).isTrue();
        assertThat(slack.requests().get(0).header("Authorization")).contains("Bearer " + TOKEN);
    }

    @Test
    void postsToChannelsWithoutButtonsWhenNotClaimable()
            throws Exception
    {
        vendor(Map.of()).send(message("#ops", "FYI", false));

        FakeSlackServer.PostedMessage posted = slack.messages().get(0);
        assertThat(posted.channel()).isEqualTo("#ops");
        assertThat(posted.payload().has("attachments")).isFalse();
    }

    @Test
    void passesThroughAJsonBody()
            throws Exception
    {
        vendor(Map.of()).send(message("U0123ABCD", "{\"text\": \"custom\", \"thread_ts\": \"1.2\", \"blocks\": [{\"type\": \"divider\"}], \"token\": \"evil\"}", false));

        FakeSlackServer.PostedMessage posted = slack.messages().get(0);
        assertThat(posted.channel()).isEqualTo("U0123ABCD");
        assertThat(posted.text()).isEqualTo("[grafana] custom");
        assertThat(posted.payload().path("thread_ts").asText()).isEqualTo("1.2");
        assertThat(posted.payload().path("blocks").get(0).path("type").asText()).isEqualTo("divider");
        assertThat(posted.payload().has("token")).isFalse();
    }

    @Test
    void throttlingIsTransientWithRetryAfter()
    {
        slack.enqueueThrottle(Duration.ofSeconds(30));

        VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(Map.of()).send(message("jdoe", "x", true)));

        assertThat(failure.getCategory()).isEqualTo(Category.TRANSIENT);
        assertThat(failure.getRetryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void serverErrorsAndTimeoutsAreTransient()
    {
        slack.enqueueHttpStatus(503);
        VendorException serverError = catchThrowableOfType(VendorException.class, () -> vendor(Map.of()).send(message("jdoe", "x", true)));
        slack.enqueueDelay(Duration.ofSeconds(30));
        VendorException timeout = catchThrowableOfType(VendorException.class, () -> vendor(Map.of("timeout", "1")).send(message("jdoe", "x", true)));

        assertThat(serverError.getCategory()).isEqualTo(Category.TRANSIENT);
        assertThat(timeout.getCategory()).isEqualTo(Category.TRANSIENT);
        assertThat(timeout.getMessage()).contains("did not answer within 1s");
    }

    @Test
    void unknownChannelIsPermanent()
    {
        slack.enqueueError("channel_not_found");

        VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(Map.of()).send(message("nobody", "x", true)));

        assertThat(failure.getCategory()).isEqualTo(Category.PERMANENT);
        assertThat(failure.getMessage()).contains("channel_not_found").contains("@nobody");
    }

    @Test
    void badTokenIsAConfigurationFailureAndNeverShown()
    {
        Map<String, String> settings = settings(Map.of("auth_token", "xoxb-wrong-token"));
        Vendor vendor = new SlackVendorFactory().create(new PluginConfig("slack-test", settings), new PluginContext() {});

        try (LogCapture logs = LogCapture.captureAll()) {
            VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor.send(message("jdoe", "x", true)));

            assertThat(failure.getCategory()).isEqualTo(Category.CONFIGURATION);
            assertThat(failure.getMessage()).contains("invalid_auth").doesNotContain("xoxb-wrong-token");
            assertThat(logs.text()).doesNotContain("xoxb-wrong-token").doesNotContain(TOKEN);
        }
    }

    @Test
    void unreachableSlackIsTransient()
    {
        String url = slack.apiBaseUrl();
        slack.close();

        VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(Map.of("base_url", url)).send(message("jdoe", "x", true)));

        assertThat(failure.getCategory()).isEqualTo(Category.TRANSIENT);
    }

    @Test
    void configurationErrorsNameTheKey()
    {
        assertConfigError(without("auth_token"), "auth_token");
        assertConfigError(without("iris_incident_url"), "iris_incident_url");
        assertConfigError(settings(Map.of("base_url", "slack.com")), "base_url");
        assertConfigError(settings(Map.of("timeout", "0")), "timeout");
        assertConfigError(settings(Map.of("message_attachments.colour", "red")), "message_attachments.colour");
        assertConfigError(settings(Map.of("proxy_host", "x")), "proxy_host");
    }

    private void assertConfigError(Map<String, String> settings, String key)
    {
        assertThatThrownBy(() -> new SlackVendorFactory().create(new PluginConfig("slack-test", settings), new PluginContext() {}))
                .isInstanceOfSatisfying(PluginConfigException.class, exception -> assertThat(exception.getKey()).isEqualTo(key))
                .hasMessageNotContaining(TOKEN);
    }

    private Map<String, String> without(String key)
    {
        Map<String, String> settings = settings(Map.of());
        settings.remove(key);
        return settings;
    }

    private Map<String, String> settings(Map<String, String> overrides)
    {
        Map<String, String> settings = new HashMap<>();
        settings.put("auth_token", TOKEN);
        settings.put("base_url", slack.apiBaseUrl());
        settings.put("iris_incident_url", "https://iris.example.com/incidents/");
        settings.put("message_attachments.pretext", "Iris needs you");
        settings.putAll(overrides);
        return settings;
    }

    private Vendor vendor(Map<String, String> overrides)
    {
        return new SlackVendorFactory().create(new PluginConfig("slack-test", settings(overrides)), new PluginContext() {});
    }

    private static OutboundMessage message(String destination, String body, boolean claimable)
    {
        return new OutboundMessage(42, "slack", destination, "subject", body, null, "grafana", "high",
                claimable ? 7L : null, null, "db-plan", claimable, Map.of());
    }
}
