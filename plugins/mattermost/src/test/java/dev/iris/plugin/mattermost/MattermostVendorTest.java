package dev.iris.plugin.mattermost;

import dev.iris.spi.IrisPlugin;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;
import dev.iris.spi.PluginContext;
import dev.iris.spi.action.ActionToken;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorException;
import dev.iris.spi.vendor.VendorException.Category;
import dev.iris.testing.LogCapture;
import dev.iris.testing.fakes.FakeMattermostServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class MattermostVendorTest
{
    private static final String HOOK = "xq7fh3w9ibdu5n8tq1secrethook";
    private static final String SECRET = "mattermost-action-secret-0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-12-02T13:00:00Z");

    private FakeMattermostServer mattermost;

    @BeforeEach
    void startMattermost()
    {
        mattermost = FakeMattermostServer.start(HOOK, Set.of("alice", "bob.smith"));
    }

    @AfterEach
    void stopMattermost()
    {
        mattermost.close();
    }

    @Test
    void isRegisteredWithItsSecrets()
    {
        assertThat(ServiceLoader.load(IrisPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(plugin -> plugin.getVendorFactories().stream())
                .filter(factory -> factory.getName().equals("mattermost"))
                .flatMap(factory -> factory.getSecuritySensitivePropertyNames().stream()))
                .containsExactlyInAnyOrder("webhook_url", "action_secret");
    }

    @Test
    void postsADirectMessageWithASignedClaimButton()
            throws Exception
    {
        vendor(Map.of("username", "Iris")).send(message("@alice", true));

        FakeMattermostServer.Post post = mattermost.posts().get(0);
        assertThat(post.channel()).isEqualTo("@alice");
        assertThat(post.payload().path("username").asText()).isEqualTo("Iris");
        assertThat(post.titleLink()).isEqualTo("https://iris.example.com/incidents/7");
        assertThat(post.payload().path("attachments").path(0).path("title").asText()).isEqualTo("[grafana] disk full");
        var claim = post.action("Claim").orElseThrow();
        assertThat(claim.path("integration").path("url").asText()).isEqualTo("https://relay.example.com/api/v0/mattermost/action");
        String token = claim.path("integration").path("context").path("token").asText();
        ActionToken.Claim verified = new ActionToken("mattermost", SECRET).verify(token, NOW).orElseThrow();
        assertThat(verified.messageId()).isEqualTo(42);
        assertThat(verified.recipient()).as("the contact as stored").isEqualTo("@alice");
        assertThat(verified.expires()).isEqualTo(NOW.plusSeconds(14_400));
        assertThat(new ActionToken("ntfy", SECRET).verify(token, NOW)).as("bound to its channel").isEmpty();
    }

    @Test
    void aTeamChannelContactPostsInTheChannelWithAButtonNamingTheChannel()
            throws Exception
    {
        vendor(Map.of()).send(message("~db-oncall", true));

        FakeMattermostServer.Post post = mattermost.posts().get(0);
        assertThat(post.channel()).isEqualTo("db-oncall");
        String token = post.action("Claim").orElseThrow().path("integration").path("context").path("token").asText();
        assertThat(new ActionToken("mattermost", SECRET).verify(token, NOW).orElseThrow().recipient())
                .as("the relay claims a channel's button as the presser").isEqualTo("~db-oncall");
        assertThatThrownBy(() -> vendor(Map.of()).send(message("~Not A Channel", true)))
                .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.getCategory()).isEqualTo(Category.PERMANENT));
    }

    @Test
    void notClaimableMessagesHaveNoButton()
            throws Exception
    {
        vendor(Map.of()).send(message("alice", false));

        assertThat(mattermost.posts().get(0).action("Claim")).isEmpty();
    }

    @Test
    void failuresAreCategorisedWithoutShowingTheHook()
    {
        assertThat(failure(vendor(Map.of()), "nobody").getCategory()).as("unknown user").isEqualTo(Category.PERMANENT);
        assertThat(failure(vendor(Map.of()), "Not A User!").getCategory()).as("not a username").isEqualTo(Category.PERMANENT);
        mattermost.enqueueError(503, "api.context.server_busy.app_error", "Server busy");
        assertThat(failure(vendor(Map.of()), "alice").getCategory()).isEqualTo(Category.TRANSIENT);
        mattermost.enqueueError(429, "api.context.429.app_error", "Too many requests");
        assertThat(failure(vendor(Map.of()), "alice").getCategory()).isEqualTo(Category.TRANSIENT);
        mattermost.enqueueError(501, "web.incoming_webhook.disabled.app_error", "Incoming webhooks have been disabled by the system admin.");
        assertThat(failure(vendor(Map.of()), "alice").getCategory()).isEqualTo(Category.CONFIGURATION);
        mattermost.enqueueError(403, "web.incoming_webhook.channel_locked.app_error", "This webhook is not permitted to post to the requested channel.");
        assertThat(failure(vendor(Map.of()), "alice").getCategory()).isEqualTo(Category.CONFIGURATION);
        try (LogCapture logs = LogCapture.captureAll()) {
            VendorException unknownHook = failure(vendor(Map.of("webhook_url", mattermost.baseUrl() + "/hooks/wronghook")), "alice");
            assertThat(unknownHook.getCategory()).isEqualTo(Category.CONFIGURATION);
            assertThat(unknownHook.getMessage()).contains("web.incoming_webhook.invalid.app_error").doesNotContain("wronghook").doesNotContain(HOOK);
            assertThat(logs.text()).doesNotContain(HOOK).doesNotContain(SECRET);
        }
        String url = mattermost.webhookUrl();
        mattermost.close();
        VendorException unreachable = failure(vendor(Map.of("webhook_url", url)), "alice");
        assertThat(unreachable.getCategory()).isEqualTo(Category.TRANSIENT);
        assertThat(unreachable.getMessage()).doesNotContain(HOOK);
        assertThat(unreachable.getCause()).isNull();
    }

    @Test
    void configurationErrorsNameTheKeyWithoutTheSecrets()
    {
        assertConfigError(settings(Map.of("webhook_url", "https://mattermost.example.com/api/v4/posts")), "webhook_url");
        assertConfigError(settings(Map.of("action_secret", "short")), "action_secret");
        assertConfigError(settings(Map.of("relay_base_url", "relay.example.com")), "relay_base_url");
        assertConfigError(settings(Map.of("claim_ttl", "5")), "claim_ttl");
        assertConfigError(settings(Map.of("channel", "town-square")), "channel");
    }

    private VendorException failure(Vendor vendor, String destination)
    {
        return catchThrowableOfType(VendorException.class, () -> vendor.send(message(destination, true)));
    }

    private void assertConfigError(Map<String, String> settings, String key)
    {
        assertThatThrownBy(() -> new MattermostVendorFactory().create(new PluginConfig("mm-test", settings), context()))
                .isInstanceOfSatisfying(PluginConfigException.class, exception -> assertThat(exception.getKey()).isEqualTo(key))
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining(HOOK);
    }

    private Map<String, String> settings(Map<String, String> overrides)
    {
        Map<String, String> settings = new HashMap<>();
        settings.put("webhook_url", mattermost.webhookUrl());
        settings.put("relay_base_url", "https://relay.example.com/");
        settings.put("action_secret", SECRET);
        settings.put("iris_incident_url", "https://iris.example.com/incidents");
        settings.put("timeout", "2");
        settings.putAll(overrides);
        return settings;
    }

    private Vendor vendor(Map<String, String> overrides)
    {
        return new MattermostVendorFactory().create(new PluginConfig("mm-test", settings(overrides)), context());
    }

    private static PluginContext context()
    {
        return new PluginContext()
        {
            @Override
            public Clock clock()
            {
                return Clock.fixed(NOW, ZoneOffset.UTC);
            }
        };
    }

    private static OutboundMessage message(String destination, boolean claimable)
    {
        return new OutboundMessage(42, "mattermost", destination, "disk full", "db1 is at 99%", null, "grafana", "high",
                claimable ? 7L : null, null, "db-plan", claimable, Map.of());
    }
}
