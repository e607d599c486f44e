package dev.iris.plugin.teams;

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
import dev.iris.testing.fakes.FakeTeamsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class TeamsVendorTest
{
    private static final String WORKFLOW = "a1b2c3d4e5f6";
    private static final String SIG = "Wq3secretSasSignature0123456789";
    private static final String SECRET = "teams-action-secret-0123456789abcdefgh";
    private static final Instant NOW = Instant.parse("2026-12-02T13:00:00Z");

    private FakeTeamsServer teams;

    @BeforeEach
    void startTeams()
    {
        teams = FakeTeamsServer.start(WORKFLOW, SIG);
    }

    @AfterEach
    void stopTeams()
    {
        teams.close();
    }

    @Test
    void isRegisteredWithItsSecrets()
    {
        assertThat(ServiceLoader.load(IrisPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(plugin -> plugin.getVendorFactories().stream())
                .filter(factory -> factory.getName().equals("teams"))
                .flatMap(factory -> factory.getSecuritySensitivePropertyNames().stream()))
                .containsExactlyInAnyOrder("webhook_url", "action_secret");
    }

    @Test
    void postsAnAdaptiveCardMentioningThePersonWithASignedClaimLink()
            throws Exception
    {
        vendor(Map.of()).send(message("alice@example.com", true));

        FakeTeamsServer.Card card = teams.cards().get(0);
        assertThat(card.mentioned()).containsExactly("alice@example.com");
        assertThat(card.text()).contains("<at>alice@example.com</at> 42 [grafana] disk full").contains("db1 is at 99%");
        assertThat(card.openUrl("Open incident")).contains("https://iris.example.com/incidents/7");
        String claim = card.openUrl("Claim").orElseThrow();
        assertThat(claim).startsWith("https://relay.example.com/api/v0/teams/claim#");
        ActionToken.Claim verified = new ActionToken("teams", SECRET).verify(claim.substring(claim.indexOf('#') + 1), NOW).orElseThrow();
        assertThat(verified.messageId()).isEqualTo(42);
        assertThat(verified.recipient()).isEqualTo("alice@example.com");
        assertThat(verified.expires()).isEqualTo(NOW.plusSeconds(14_400));
    }

    @Test
    void notClaimableMessagesHaveNoClaimLink()
            throws Exception
    {
        vendor(Map.of()).send(message("alice@example.com", false));

        assertThat(teams.cards().get(0).openUrl("Claim")).isEmpty();
    }

    @Test
    void failuresAreCategorisedWithoutShowingTheUrl()
    {
        assertThat(failure(vendor(Map.of()), "not a upn").getCategory()).isEqualTo(Category.PERMANENT);
        teams.enqueueError(429, "WorkflowTriggerIsThrottled");
        VendorException throttled = failure(vendor(Map.of()), "alice@example.com");
        assertThat(throttled.getCategory()).isEqualTo(Category.TRANSIENT);
        assertThat(throttled.getRetryAfter()).contains(Duration.ofSeconds(7));
        teams.enqueueError(502, "BadGateway");
        assertThat(failure(vendor(Map.of()), "alice@example.com").getCategory()).isEqualTo(Category.TRANSIENT);
        teams.enqueueError(413, "RequestContentTooLarge");
        assertThat(failure(vendor(Map.of()), "alice@example.com").getCategory()).isEqualTo(Category.PERMANENT);
        try (LogCapture logs = LogCapture.captureAll()) {
            VendorException badSig = failure(vendor(Map.of("webhook_url", teams.webhookUrl().replace(SIG, "forged"))), "alice@example.com");
            assertThat(badSig.getCategory()).isEqualTo(Category.CONFIGURATION);
            assertThat(badSig.getMessage()).contains("DirectApiInvalidAuthorizationSignature").doesNotContain(SIG).doesNotContain("forged");
            VendorException gone = failure(vendor(Map.of("webhook_url", teams.baseUrl() + "/workflows/deleted/triggers/manual/paths/invoke?sig=" + SIG)), "alice@example.com");
            assertThat(gone.getCategory()).isEqualTo(Category.CONFIGURATION);
            assertThat(logs.text()).doesNotContain(SIG).doesNotContain(SECRET);
        }
        String url = teams.webhookUrl();
        teams.close();
        VendorException unreachable = failure(vendor(Map.of("webhook_url", url)), "alice@example.com");
        assertThat(unreachable.getCategory()).isEqualTo(Category.TRANSIENT);
        assertThat(unreachable.getMessage()).doesNotContain(SIG);
    }

    @Test
    void configurationErrorsNameTheKeyWithoutTheSecrets()
    {
        assertConfigError(settings(Map.of("webhook_url", "teams.example.com/hook")), "webhook_url");
        assertConfigError(settings(Map.of("action_secret", "short")), "action_secret");
        assertConfigError(settings(Map.of("claim_ttl", "999999999")), "claim_ttl");
        assertConfigError(settings(Map.of("iris_incident_url", "")), "iris_incident_url");
        assertConfigError(settings(Map.of("card_version", "1.5")), "card_version");
    }

    private VendorException failure(Vendor vendor, String destination)
    {
        return catchThrowableOfType(VendorException.class, () -> vendor.send(message(destination, true)));
    }

    private void assertConfigError(Map<String, String> settings, String key)
    {
        assertThatThrownBy(() -> new TeamsVendorFactory().create(new PluginConfig("teams-test", settings), context()))
                .isInstanceOfSatisfying(PluginConfigException.class, exception -> assertThat(exception.getKey()).isEqualTo(key))
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining(SIG);
    }

    private Map<String, String> settings(Map<String, String> overrides)
    {
        Map<String, String> settings = new HashMap<>();
        settings.put("webhook_url", teams.webhookUrl());
        settings.put("relay_base_url", "https://relay.example.com");
        settings.put("action_secret", SECRET);
        settings.put("iris_incident_url", "https://iris.example.com/incidents/");
        settings.put("timeout", "2");
        settings.putAll(overrides);
        return settings;
    }

    private Vendor vendor(Map<String, String> overrides)
    {
        return new TeamsVendorFactory().create(new PluginConfig("teams-test", settings(overrides)), context());
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
        return new OutboundMessage(42, "teams", destination, "disk full", "db1 is at 99%", null, "grafana", "urgent",
                claimable ? 7L : null, null, "db-plan", claimable, Map.of());
    }
}
