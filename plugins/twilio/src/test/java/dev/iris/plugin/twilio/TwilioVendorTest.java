package dev.iris.plugin.twilio;

import com.sun.net.httpserver.HttpServer;
import com.twilio.security.RequestValidator;
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
import dev.iris.testing.fakes.FakeTwilioServer;
import dev.iris.testing.fakes.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class TwilioVendorTest
{
    private static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    private static final String AUTH_TOKEN = "s3cr3t-auth-token-value";
    private static final String RELAY = "https://relay.example.com";

    private FakeTwilioServer twilio;

    @BeforeEach
    void startTwilio()
    {
        twilio = FakeTwilioServer.start(ACCOUNT_SID, AUTH_TOKEN);
    }

    @AfterEach
    void stopTwilio()
    {
        twilio.close();
    }

    @Test
    void isRegisteredAsAPlugin()
    {
        assertThat(ServiceLoader.load(IrisPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(plugin -> plugin.getVendorFactories().stream())
                .map(factory -> factory.getName()))
                .contains("twilio");
        assertThat(new TwilioVendorFactory().getSecuritySensitivePropertyNames()).containsExactly("auth_token");
    }

    @Test
    void sendsSmsWithIrisTextAndAStatusCallbackOnTheRelay()
            throws Exception
    {
        Vendor vendor = vendor(Map.of());

        SendResult result = vendor.send(message("sms", "+14155550101", "Disk full", "on db1", true, Map.of()));

        assertThat(twilio.messages()).hasSize(1);
        FakeTwilioServer.SentMessage sent = twilio.messages().get(0);
        assertThat(result.vendorMessageId()).isEqualTo(sent.sid()).startsWith("SM");
        assertThat(sent.to()).isEqualTo("+14155550101");
        assertThat(sent.from()).isEqualTo("+14155550100");
        assertThat(sent.body()).isEqualTo("Disk full. on db1");
        assertThat(sent.statusCallback()).isEqualTo(RELAY + "/api/v0/twilio/status?message_id=42");
        RecordedRequest request = twilio.requests().get(0);
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json");
        assertThat(request.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/x-www-form-urlencoded"));
    }

    @Test
    void usesPerApplicationFromNumbers()
            throws Exception
    {
        Vendor vendor = vendor(Map.of("application_override_mapping.grafana", "+14155550199"));

        vendor.send(message("sms", "+14155550101", "a", "b", true, Map.of()));
        vendor.send(message("sms", "+14155550101", "a", "b", true, Map.of("application", "other")));
        vendor.send(message("sms", "+14155550101", "a", "b", true, Map.of("from", "+14155550177")));

        assertThat(twilio.messages()).extracting(FakeTwilioServer.SentMessage::from)
                .containsExactly("+14155550199", "+14155550100", "+14155550177");
    }

    @Test
    void cutsLongSmsToTwilioLimitWithAMarker()
            throws Exception
    {
        vendor(Map.of()).send(message("sms", "+14155550101", "subject", "x".repeat(3000), true, Map.of()));

        assertThat(twilio.messages().get(0).body()).hasSize(1600).startsWith("subject. xxx").endsWith("...");
    }

    @Test
    void capsSmsSegmentsWhenConfigured()
            throws Exception
    {
        vendor(Map.of("max_sms_segments", "1")).send(message("sms", "+14155550101", "subject", "y".repeat(400), true, Map.of()));

        assertThat(twilio.messages().get(0).body()).hasSize(160).endsWith("...");
    }

    @Test
    void placesClaimableCallsWithTheRelayGatherUrlAndMachineDetection()
            throws Exception
    {
        SendResult result = vendor(Map.of()).send(message("call", "+14155550101", "Disk full", "on db1 & more", true, Map.of()));

        FakeTwilioServer.PlacedCall call = twilio.calls().get(0);
        assertThat(result.vendorMessageId()).isEqualTo(call.sid()).startsWith("CA");
        assertThat(call.machineDetection()).isEqualTo("Enable");
        assertThat(call.statusCallback()).isEqualTo(RELAY + "/api/v0/twilio/status?message_id=42");
        URI url = URI.create(call.url());
        assertThat(url.getScheme() + "://" + url.getHost() + url.getPath()).isEqualTo(RELAY + "/api/v0/twilio/calls/gather");
        assertThat(query(url)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "content", "Disk full. on db1 & more",
                "loop", "3",
                "source", "grafana",
                "message_id", "42",
                "instruction", "Press 2 to claim."));
    }

    @Test
    void placesOtherCallsWithTheSayUrlAndNoMessageId()
            throws Exception
    {
        vendor(Map.of("machine_detection", "none")).send(message("call", "+14155550101", "Notice", "x".repeat(600), false, Map.of()));

        FakeTwilioServer.PlacedCall call = twilio.calls().get(0);
        assertThat(call.machineDetection()).isNull();
        URI url = URI.create(call.url());
        assertThat(url.getPath()).isEqualTo("/api/v0/twilio/calls/say");
        Map<String, String> query = query(url);
        assertThat(query).doesNotContainKeys("message_id", "instruction");
        assertThat(query.get("content")).hasSize(480);
    }

    @Test
    void invalidAndUnsubscribedNumbersArePermanentFailures()
    {
        twilio.rejectDestination("+14155550102", FakeTwilioServer.INVALID_TO_NUMBER);
        twilio.rejectDestination("+14155550103", FakeTwilioServer.UNSUBSCRIBED);
        Vendor vendor = vendor(Map.of());

        VendorException invalid = catchThrowableOfType(VendorException.class, () -> vendor.send(message("sms", "+14155550102", "a", "b", true, Map.of())));
        VendorException unsubscribed = catchThrowableOfType(VendorException.class, () -> vendor.send(message("call", "+14155550103", "a", "b", true, Map.of())));

        assertThat(invalid.getCategory()).isEqualTo(Category.PERMANENT);
        assertThat(invalid.getMessage()).contains("21211").contains("+14155550102");
        assertThat(unsubscribed.getCategory()).isEqualTo(Category.PERMANENT);
        assertThat(unsubscribed.getMessage()).contains("21610");
    }

    @Test
    void unreachableHandsetIsPermanent()
    {
        twilio.enqueueFailure(400, FakeTwilioServer.UNREACHABLE, "Unreachable destination handset");

        VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(Map.of()).send(message("sms", "+14155550101", "a", "b", true, Map.of())));

        assertThat(failure.getCategory()).isEqualTo(Category.PERMANENT);
        assertThat(failure.getMessage()).contains("30003");
    }

    @Test
    void serverErrorIsTransientAndNeverRetriedByTheLibrary()
    {
        twilio.enqueueFailure(500, 20500, "Internal Server Error");

        VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(Map.of()).send(message("sms", "+14155550101", "a", "b", true, Map.of())));

        assertThat(failure.getCategory()).isEqualTo(Category.TRANSIENT);
        assertThat(twilio.requests()).hasSize(1);
        assertThat(twilio.messages()).isEmpty();
    }

    @Test
    void throttlingIsTransientAndKeepsRetryAfter()
    {
        twilio.enqueueThrottle(Duration.ofSeconds(7));

        VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(Map.of()).send(message("sms", "+14155550101", "a", "b", true, Map.of())));

        assertThat(failure.getCategory()).isEqualTo(Category.TRANSIENT);
        assertThat(failure.getRetryAfter()).contains(Duration.ofSeconds(7));
        assertThat(twilio.requests()).hasSize(1);
    }

    @Test
    void slowTwilioIsATransientTimeout()
    {
        twilio.enqueueDelay(Duration.ofSeconds(30));

        VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(Map.of("timeout", "1")).send(message("call", "+14155550101", "a", "b", true, Map.of())));

        assertThat(failure.getCategory()).isEqualTo(Category.TRANSIENT);
        assertThat(failure.getMessage()).contains("did not answer within 1s");
        assertThat(twilio.requests()).hasSize(1);
    }

    @Test
    void unreachableTwilioIsTransient()
    {
        String baseUrl = twilio.baseUrl();
        twilio.close();

        VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(Map.of("api_base_url", baseUrl)).send(message("sms", "+14155550101", "a", "b", true, Map.of())));

        assertThat(failure.getCategory()).isEqualTo(Category.TRANSIENT);
    }

    @Test
    void wrongCredentialsAreAConfigurationFailureAndTheTokenIsNeverShown()
    {
        Map<String, String> settings = new HashMap<>(settings(Map.of()));
        settings.put("auth_token", "wrong-token-value");
        Vendor vendor = new TwilioVendorFactory().create(new PluginConfig("twilio-test", settings), new PluginContext() {});

        // twilio-java logs requests at debug level: capture it at every level too.
        try (LogCapture logs = LogCapture.captureAll(); LogCapture library = LogCapture.capture("com.twilio")) {
            VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor.send(message("sms", "+14155550101", "a", "b", true, Map.of())));

            assertThat(failure.getCategory()).isEqualTo(Category.CONFIGURATION);
            assertThat(failure.getMessage()).contains("20003").doesNotContain("wrong-token-value").doesNotContain(AUTH_TOKEN);
            assertThat(library.lines()).isNotEmpty();
            String basic = java.util.Base64.getEncoder().encodeToString((ACCOUNT_SID + ":wrong-token-value").getBytes(StandardCharsets.UTF_8));
            assertThat(logs.text() + library.text()).doesNotContain("wrong-token-value").doesNotContain(AUTH_TOKEN).doesNotContain(basic);
        }
    }

    @Test
    void statusCallbacksFromTheFakeAreSignedAsTwilioSignsThem()
            throws Exception
    {
        BlockingQueue<Boolean> validations = new ArrayBlockingQueue<>(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String relay = "http://127.0.0.1:" + receiver.getAddress().getPort();
        receiver.createContext("/", exchange -> {
            String body;
            try (InputStream input = exchange.getRequestBody()) {
                body = new String(input.readAllBytes(), StandardCharsets.UTF_8);
            }
            String url = relay + exchange.getRequestURI();
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                String[] parts = pair.split("=", 2);
                form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
            }
            validations.add(new RequestValidator(AUTH_TOKEN).validate(url, form, exchange.getRequestHeaders().getFirst("X-Twilio-Signature"))
                    && form.get("MessageStatus").equals("delivered"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            SendResult result = vendor(Map.of("relay_base_url", relay)).send(message("sms", "+14155550101", "a", "b", true, Map.of()));

            assertThat(twilio.sendStatusCallback(result.vendorMessageId(), "delivered", null)).isEqualTo(204);
            assertThat(validations.poll(10, TimeUnit.SECONDS)).isTrue();
        }
        finally {
            receiver.stop(0);
        }
    }

    @Test
    void neverTextsItsOwnNumber()
    {
        VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(Map.of()).send(message("sms", "+14155550100", "a", "b", true, Map.of())));

        assertThat(failure.getCategory()).isEqualTo(Category.PERMANENT);
        assertThat(twilio.requests()).isEmpty();
    }

    @Test
    void rejectsUnsupportedModes()
    {
        VendorException failure = catchThrowableOfType(VendorException.class, () -> vendor(Map.of()).send(message("email", "a@example.com", "a", "b", true, Map.of())));

        assertThat(failure.getCategory()).isEqualTo(Category.CONFIGURATION);
    }

    @Test
    void configurationErrorsNameTheKey()
    {
        assertConfigError(without("account_sid"), "account_sid");
        assertConfigError(with("account_sid", "nope"), "account_sid");
        assertConfigError(without("auth_token"), "auth_token");
        assertConfigError(with("twilio_number", "4155550100"), "twilio_number");
        assertConfigError(with("application_override_mapping.app", "bad"), "application_override_mapping.app");
        assertConfigError(without("relay_base_url"), "relay_base_url");
        assertConfigError(with("relay_base_url", "ftp://relay"), "relay_base_url");
        assertConfigError(with("timeout", "soon"), "timeout");
        assertConfigError(with("machine_detection", "maybe"), "machine_detection");
        assertConfigError(with("gather_endpoint", "no-slash"), "gather_endpoint");
        assertConfigError(with("twilio_nmuber", "+14155550100"), "twilio_nmuber");
    }

    @Test
    void configurationErrorsNeverShowTheToken()
    {
        Map<String, String> settings = with("timeout", "x");

        assertThatThrownBy(() -> new TwilioVendorFactory().create(new PluginConfig("twilio-test", settings), new PluginContext() {}))
                .hasMessageNotContaining(AUTH_TOKEN);
        assertThat(TwilioConfig.from(new PluginConfig("twilio-test", settings(Map.of()))).toString()).doesNotContain(AUTH_TOKEN);
    }

    private void assertConfigError(Map<String, String> settings, String key)
    {
        assertThatThrownBy(() -> new TwilioVendorFactory().create(new PluginConfig("twilio-test", settings), new PluginContext() {}))
                .isInstanceOfSatisfying(PluginConfigException.class, exception -> assertThat(exception.getKey()).isEqualTo(key))
                .hasMessageStartingWith(key + ":")
                .hasMessageNotContaining(AUTH_TOKEN);
    }

    private Map<String, String> with(String key, String value)
    {
        Map<String, String> settings = new HashMap<>(settings(Map.of()));
        settings.put(key, value);
        return settings;
    }

    private Map<String, String> without(String key)
    {
        Map<String, String> settings = new HashMap<>(settings(Map.of()));
        settings.remove(key);
        return settings;
    }

    private Map<String, String> settings(Map<String, String> overrides)
    {
        Map<String, String> settings = new HashMap<>();
        settings.put("account_sid", ACCOUNT_SID);
        settings.put("auth_token", AUTH_TOKEN);
        settings.put("twilio_number", "+14155550100");
        settings.put("relay_base_url", RELAY);
        settings.put("api_base_url", twilio.baseUrl());
        settings.putAll(overrides);
        return settings;
    }

    private Vendor vendor(Map<String, String> overrides)
    {
        return new TwilioVendorFactory().create(new PluginConfig("twilio-test", settings(overrides)), new PluginContext() {});
    }

    private static OutboundMessage message(String mode, String destination, String subject, String body, boolean claimable, Map<String, String> options)
    {
        Map<String, String> headers = new HashMap<>(options);
        String application = headers.remove("application");
        return new OutboundMessage(42, mode, destination, subject, body, null, application == null ? "grafana" : application,
                "high", claimable ? 7L : null, null, "db-plan", claimable, headers);
    }

    private static Map<String, String> query(URI url)
    {
        Map<String, String> result = new HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            result.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return result;
    }
}
