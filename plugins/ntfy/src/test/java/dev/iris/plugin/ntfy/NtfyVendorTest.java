package dev.iris.plugin.ntfy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.spi.IrisPlugin;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;
import dev.iris.spi.PluginContext;
import dev.iris.spi.action.ActionToken;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.SendResult;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorException;
import dev.iris.spi.vendor.VendorException.Category;
import dev.iris.testing.LogCapture;
import dev.iris.testing.TestingClock;
import dev.iris.testing.fakes.FakeNtfyServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class NtfyVendorTest
{
    private static final String ACCESS_TOKEN = "tk_very_secret_ntfy_access_token";
    private static final String SECRET = "ntfy-action-secret-0123456789abcdef";
    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    private final TestingClock clock = new TestingClock(NOW);
    private FakeNtfyServer ntfy;

    @BeforeEach
    void startNtfy()
    {
        ntfy = FakeNtfyServer.start(ACCESS_TOKEN);
    }

    @AfterEach
    void stopNtfy()
    {
        ntfy.close();
    }

    @Test
    void isRegisteredAsAPlugin()
    {
        assertThat(ServiceLoader.load(IrisPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(plugin -> plugin.getVendorFactories().stream())
                .map(factory -> factory.getName()))
                .contains("ntfy");
        assertThat(new NtfyVendorFactory().getSecuritySensitivePropertyNames()).containsExactlyInAnyOrder("access_token", "action_secret");
    }

    @Test
    void publishesToTheTopicWithPriorityClickAndASignedClaimButton()
            throws Exception
    {
        SendResult result = vendor(Map.of()).send(message("alice-pager", "urgent", true));

        FakeNtfyServer.Published published = ntfy.published().get(0);
        assertThat(result.vendorMessageId()).isEqualTo(published.id());
        assertThat(published.topic()).isEqualTo("alice-pager");
        assertThat(published.priority()).as("urgent is ntfy's max priority").isEqualTo(5);
        assertThat(published.payload().path("title").asText()).isEqualTo("[grafana] disk full");
        assertThat(published.payload().path("message").asText()).isEqualTo("db1 is at 99%");
        assertThat(published.click()).isEqualTo("https://iris.example.com/incidents/7");
        JsonNode claim = published.action("Claim").orElseThrow();
        assertThat(claim.path("action").asText()).isEqualTo("http");
        assertThat(claim.path("url").asText()).isEqualTo("https://relay.example.com/api/v0/ntfy/claim");
        assertThat(claim.path("method").asText()).isEqualTo("POST");
        String token = new ObjectMapper().readTree(claim.path("body").asText()).path("token").asText();
        ActionToken.Claim verified = new ActionToken("ntfy", SECRET).verify(token, NOW).orElseThrow();
        assertThat(verified.messageId()).isEqualTo(42);
        assertThat(verified.recipient()).isEqualTo("alice-pager");
        assertThat(verified.expires()).isEqualTo(NOW.plusSeconds(14_400));
        assertThat(new ActionToken("teams", SECRET).verify(token, NOW)).as("bound to the channel").isEmpty();
        assertThat(new ActionToken("ntfy", SECRET).verify(token, NOW.plusSeconds(14_400))).as("expired").isEmpty();
        assertThat(ntfy.requests().get(0).header("Authorization")).contains("Bearer " + ACCESS_TOKEN);
    }

    @Test
    void mapsEveryIrisPriority()
            throws Exception
    {
        Vendor vendor = vendor(Map.of());
        for (String priority : new String[] {"urgent", "high", "medium", "low"}) {
            vendor.send(message("alice-pager", priority, false));
        }
        assertThat(ntfy.published()).extracting(FakeNtfyServer.Published::priority).containsExactly(5, 4, 3, 2);
        assertThat(ntfy.published().get(0).action("Claim")).as("not claimable: no button").isEmpty();
    }

    @Test
    void tamperedTokensAreRefused()
            throws Exception
    {
        vendor(Map.of()).send(message("alice-pager", "high", true));
        String token = new ObjectMapper().readTree(ntfy.published().get(0).action("Claim").orElseThrow().path("body").asText()).path("token").asText();
        ActionToken tokens = new ActionToken("ntfy", SECRET);
        String[] parts = token.split("\\.");
        parts[1] = "43";
        assertThat(tokens.verify(String.join(".", parts), NOW)).isEmpty();
        assertThat(new ActionToken("ntfy", SECRET + "x").verify(token, NOW)).isEmpty();
        assertThat(tokens.verify(token + "A", NOW)).isEmpty();
        assertThat(tokens.verify("", NOW)).isEmpty();
        assertThat(tokens.verify(token, NOW)).isPresent();
    }

    @Test
    void invalidTopicIsPermanentWithoutCallingNtfy()
    {
        VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(Map.of()).send(message("not a topic/..", "high", true)));

        assertThat(failure.getCategory()).isEqualTo(Category.PERMANENT);
        assertThat(ntfy.requests()).isEmpty();
    }

    @Test
    void failuresAreCategorised()
    {
        ntfy.enqueueError(429, "limit reached: too many requests");
        assertThat(failure(vendor(Map.of())).getCategory()).isEqualTo(Category.TRANSIENT);
        ntfy.enqueueError(507, "insufficient storage");
        assertThat(failure(vendor(Map.of())).getCategory()).isEqualTo(Category.TRANSIENT);
        ntfy.enqueueError(413, "message too large");
        assertThat(failure(vendor(Map.of())).getCategory()).isEqualTo(Category.PERMANENT);
        ntfy.enqueueError(403, "forbidden");
        assertThat(failure(vendor(Map.of())).getCategory()).isEqualTo(Category.CONFIGURATION);
        VendorException notNtfy = failure(vendor(Map.of("server_url", ntfy.baseUrl() + "/wrong")));
        assertThat(notNtfy.getCategory()).isEqualTo(Category.CONFIGURATION);
    }

    @Test
    void badTokenIsAConfigurationFailureAndSecretsAreNeverShown()
    {
        try (LogCapture logs = LogCapture.captureAll()) {
            VendorException failure = failure(vendor(Map.of("access_token", "tk_wrong_token")));

            assertThat(failure.getCategory()).isEqualTo(Category.CONFIGURATION);
            assertThat(failure.getMessage()).contains("401").doesNotContain("tk_wrong_token").doesNotContain(SECRET);
            assertThat(logs.text()).doesNotContain("tk_wrong_token").doesNotContain(ACCESS_TOKEN).doesNotContain(SECRET);
        }
    }

    @Test
    void unreachableNtfyIsTransient()
    {
        String url = ntfy.baseUrl();
        ntfy.close();

        assertThat(failure(vendor(Map.of("server_url", url))).getCategory()).isEqualTo(Category.TRANSIENT);
    }

    @Test
    void configurationErrorsNameTheKey()
    {
        assertConfigError(without("server_url"), "server_url");
        assertConfigError(without("action_secret"), "action_secret");
        assertConfigError(settings(Map.of("action_secret", "short")), "action_secret");
        assertConfigError(settings(Map.of("relay_base_url", "relay.example.com")), "relay_base_url");
        assertConfigError(settings(Map.of("claim_ttl", "5")), "claim_ttl");
        assertConfigError(settings(Map.of("priority_map", "x")), "priority_map");
    }

    private VendorException failure(Vendor vendor)
    {
        return catchThrowableOfType(VendorException.class, () -> vendor.send(message("alice-pager", "high", true)));
    }

    private void assertConfigError(Map<String, String> settings, String key)
    {
        assertThatThrownBy(() -> new NtfyVendorFactory().create(new PluginConfig("ntfy-test", settings), context()))
                .isInstanceOfSatisfying(PluginConfigException.class, exception -> assertThat(exception.getKey()).isEqualTo(key))
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining(ACCESS_TOKEN);
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
        settings.put("server_url", ntfy.baseUrl());
        settings.put("access_token", ACCESS_TOKEN);
        settings.put("relay_base_url", "https://relay.example.com/");
        settings.put("action_secret", SECRET);
        settings.put("iris_incident_url", "https://iris.example.com/incidents/");
        settings.put("timeout", "2");
        settings.putAll(overrides);
        return settings;
    }

    private Vendor vendor(Map<String, String> overrides)
    {
        return new NtfyVendorFactory().create(new PluginConfig("ntfy-test", settings(overrides)), context());
    }

    private PluginContext context()
    {
        return new PluginContext()
        {
            @Override
            public Clock clock()
            {
                return clock;
            }
        };
    }

    private static OutboundMessage message(String destination, String priority, boolean claimable)
    {
        return new OutboundMessage(42, "ntfy", destination, "disk full", "db1 is at 99%", null, "grafana", priority,
                claimable ? 7L : null, null, "db-plan", claimable, Map.of());
    }
}
