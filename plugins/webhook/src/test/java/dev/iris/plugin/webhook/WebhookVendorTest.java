package dev.iris.plugin.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.spi.IrisPlugin;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;
import dev.iris.spi.PluginContext;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorException;
import dev.iris.spi.vendor.VendorException.Category;
import dev.iris.testing.LogCapture;
import dev.iris.testing.fakes.FakeWebhookReceiver;
import dev.iris.testing.fakes.RecordedRequest;
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

final class WebhookVendorTest
{
    private static final String SECRET = "webhook-secret-0123456789";
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);

    private FakeWebhookReceiver receiver;

    @BeforeEach
    void startReceiver()
    {
        receiver = FakeWebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver()
    {
        receiver.close();
    }

    @Test
    void isRegisteredAsAPlugin()
    {
        assertThat(ServiceLoader.load(IrisPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(plugin -> plugin.getVendorFactories().stream())
                .map(factory -> factory.getName()))
                .contains("webhook");
    }

    @Test
    void postsSignedJson()
            throws Exception
    {
        Vendor vendor = vendor(Map.of());
        assertThat(vendor.supportedModes()).containsExactly("webhook");

        vendor.send(message(receiver.url("/hooks/ops")));

        RecordedRequest request = receiver.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hooks/ops");
        assertThat(request.header("X-Iris-Timestamp")).contains("1700000000");
        assertThat(request.header("X-Iris-Signature")).contains(WebhookVendor.signature(SECRET, 1_700_000_000L, request.body()));
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertThat(body.path("message_id").asLong()).isEqualTo(42);
        assertThat(body.path("incident_id").asLong()).isEqualTo(7);
        assertThat(body.path("application").asText()).isEqualTo("grafana");
        assertThat(body.path("subject").asText()).isEqualTo("Disk full");
        assertThat(body.path("claimable").asBoolean()).isTrue();
    }

    @Test
    void knownSignatureVector()
    {
        // echo -n '1700000000.{}' | openssl dgst -sha256 -hmac 'webhook-secret-0123456789'
        assertThat(WebhookVendor.signature(SECRET, 1_700_000_000L, "{}"))
                .isEqualTo("sha256=2ef4619a409e04d7827f116541ce2db9510c3b9d358319d2df436914f4bddd58");
    }

    @Test
    void failuresAreCategorized()
    {
        Vendor vendor = vendor(Map.of());
        receiver.enqueueHttpStatus(500, Map.of());
        receiver.enqueueHttpStatus(429, Map.of("Retry-After", "12"));
        receiver.enqueueHttpStatus(403, Map.of());
        receiver.enqueueHttpStatus(410, Map.of());

        VendorException serverError = catchThrowableOfType(VendorException.class, () -> vendor.send(message(receiver.url("/a"))));
        VendorException throttled = catchThrowableOfType(VendorException.class, () -> vendor.send(message(receiver.url("/a"))));
        VendorException forbidden = catchThrowableOfType(VendorException.class, () -> vendor.send(message(receiver.url("/a"))));
        VendorException gone = catchThrowableOfType(VendorException.class, () -> vendor.send(message(receiver.url("/a"))));

        assertThat(serverError.getCategory()).isEqualTo(Category.TRANSIENT);
        assertThat(throttled.getCategory()).isEqualTo(Category.TRANSIENT);
        assertThat(throttled.getRetryAfter()).contains(Duration.ofSeconds(12));
        assertThat(forbidden.getCategory()).isEqualTo(Category.CONFIGURATION);
        assertThat(gone.getCategory()).isEqualTo(Category.PERMANENT);
    }

    @Test
    void timeoutsAndUnreachableReceiversAreTransient()
    {
        receiver.enqueueDelay(Duration.ofSeconds(30));
        VendorException timeout = catchThrowableOfType(VendorException.class, () -> vendor(Map.of("timeout", "1")).send(message(receiver.url("/slow"))));
        String url = receiver.url("/gone");
        receiver.close();
        VendorException unreachable = catchThrowableOfType(VendorException.class, () -> vendor(Map.of()).send(message(url)));

        assertThat(timeout.getCategory()).isEqualTo(Category.TRANSIENT);
        assertThat(unreachable.getCategory()).isEqualTo(Category.TRANSIENT);
    }

    @Test
    void refusesBadDestinationsWithoutCallingThem()
    {
        VendorException notUrl = catchThrowableOfType(VendorException.class, () -> vendor(Map.of()).send(message("not a url")));
        VendorException plainHttp = catchThrowableOfType(VendorException.class, () -> vendor(Map.of("allow_http", "false")).send(message(receiver.url("/a"))));
        VendorException otherHost = catchThrowableOfType(VendorException.class, () -> vendor(Map.of("allowed_hosts", "hooks.example.com")).send(message(receiver.url("/a"))));

        assertThat(notUrl.getCategory()).isEqualTo(Category.PERMANENT);
        assertThat(plainHttp.getCategory()).isEqualTo(Category.PERMANENT);
        assertThat(otherHost.getCategory()).isEqualTo(Category.PERMANENT);
        assertThat(otherHost.getMessage()).contains("allowed_hosts");
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void secretNeverAppearsInLogsOrErrors()
    {
        receiver.enqueueHttpStatus(401, Map.of());
        try (LogCapture logs = LogCapture.captureAll()) {
            VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(Map.of()).send(message(receiver.url("/a"))));

            assertThat(failure.getMessage()).doesNotContain(SECRET);
            assertThat(logs.text()).doesNotContain(SECRET);
        }
    }

    @Test
    void configurationErrorsNameTheKey()
    {
        Map<String, String> noSecret = settings(Map.of());
        noSecret.remove("secret");
        assertConfigError(noSecret, "secret");
        assertConfigError(settings(Map.of("secret", "short")), "secret");
        assertConfigError(settings(Map.of("modes", "Web Hook")), "modes");
        assertConfigError(settings(Map.of("timeout", "-1")), "timeout");
        assertConfigError(settings(Map.of("allow_http", "yes")), "allow_http");
        assertConfigError(settings(Map.of("url", "https://x")), "url");
    }

    private void assertConfigError(Map<String, String> settings, String key)
    {
        assertThatThrownBy(() -> new WebhookVendorFactory().create(new PluginConfig("webhook-test", settings), new PluginContext() {}))
                .isInstanceOfSatisfying(PluginConfigException.class, exception -> assertThat(exception.getKey()).isEqualTo(key))
                .hasMessageNotContaining(SECRET);
    }

    private static Map<String, String> settings(Map<String, String> overrides)
    {
        Map<String, String> settings = new HashMap<>();
        settings.put("secret", SECRET);
        settings.put("allow_http", "true");
        settings.putAll(overrides);
        return settings;
    }

    private static Vendor vendor(Map<String, String> overrides)
    {
        return new WebhookVendorFactory().create(new PluginConfig("webhook-test", settings(overrides)), new PluginContext()
        {
            @Override
            public Clock clock()
            {
                return CLOCK;
            }
        });
    }

    private static OutboundMessage message(String destination)
    {
        return new OutboundMessage(42, "webhook", destination, "Disk full", "on db1", null, "grafana", "high", 7L, null, "db-plan", true, Map.of());
    }
}
