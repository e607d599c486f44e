package dev.iris.plugin.telegram;

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
import dev.iris.testing.fakes.FakeTelegramServer;
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

final class TelegramVendorTest
{
    private static final String TOKEN = "123456789:AAH-very-secret-telegram-bot-token";

    private FakeTelegramServer telegram;

    @BeforeEach
    void startTelegram()
    {
        telegram = FakeTelegramServer.start(TOKEN);
    }

    @AfterEach
    void stopTelegram()
    {
        telegram.close();
    }

    @Test
    void isRegisteredWithItsSecret()
    {
        assertThat(ServiceLoader.load(IrisPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(plugin -> plugin.getVendorFactories().stream())
                .filter(factory -> factory.getName().equals("telegram"))
                .flatMap(factory -> factory.getSecuritySensitivePropertyNames().stream()))
                .containsExactly("bot_token");
    }

    @Test
    void sendsTheMessageIdFirstWithClaimButtons()
            throws Exception
    {
        SendResult result = vendor(Map.of()).send(message("987654321", true));

        FakeTelegramServer.SentMessage sent = telegram.sent().get(0);
        assertThat(sent.chatId()).isEqualTo("987654321");
        assertThat(sent.text()).startsWith("42 [grafana] db1 is at 99%").contains("Reply \"claim\"");
        assertThat(sent.callbackData()).containsExactly("claim:42", "claim_all:42");
        assertThat(sent.payload().path("reply_markup").path("inline_keyboard").get(0).get(2).path("url").asText())
                .isEqualTo("https://iris.example.com/incidents/7");
        assertThat(result.vendorMessageId()).isEqualTo("987654321/" + sent.messageId());
    }

    @Test
    void notClaimableMessagesHaveNoClaimButtons()
            throws Exception
    {
        vendor(Map.of()).send(message("987654321", false));

        assertThat(telegram.sent().get(0).callbackData()).isEmpty();
    }

    @Test
    void failuresAreCategorisedAndTheTokenIsNeverShown()
    {
        telegram.enqueueError(429, "Too Many Requests: retry after 7", 7);
        VendorException throttled = failure(vendor(Map.of()));
        assertThat(throttled.getCategory()).isEqualTo(Category.TRANSIENT);
        assertThat(throttled.getRetryAfter()).contains(Duration.ofSeconds(7));
        telegram.enqueueError(403, "Forbidden: bot was blocked by the user", null);
        assertThat(failure(vendor(Map.of())).getCategory()).isEqualTo(Category.PERMANENT);
        telegram.enqueueError(400, "Bad Request: chat not found", null);
        assertThat(failure(vendor(Map.of())).getCategory()).isEqualTo(Category.PERMANENT);
        telegram.enqueueError(502, "Bad Gateway", null);
        assertThat(failure(vendor(Map.of())).getCategory()).isEqualTo(Category.TRANSIENT);
        try (LogCapture logs = LogCapture.captureAll()) {
            VendorException wrongToken = failure(vendor(Map.of("bot_token", "123456789:AAH-another-wrong-token-xyz")));
            assertThat(wrongToken.getCategory()).isEqualTo(Category.CONFIGURATION);
            assertThat(wrongToken.getMessage()).doesNotContain("AAH-");
            String url = telegram.baseUrl();
            telegram.close();
            VendorException unreachable = failure(vendor(Map.of("base_url", url)));
            assertThat(unreachable.getCategory()).isEqualTo(Category.TRANSIENT);
            assertThat(unreachable.getMessage()).doesNotContain("AAH-");
            assertThat(unreachable.getCause()).isNull();
            assertThat(logs.text()).doesNotContain("AAH-");
        }
    }

    @Test
    void notAChatIdIsPermanent()
    {
        assertThat(catchThrowableOfType(VendorException.class, () -> vendor(Map.of()).send(message("@alice", true))).getCategory())
                .isEqualTo(Category.PERMANENT);
        assertThat(telegram.requests()).isEmpty();
    }

    @Test
    void configurationErrorsNameTheKey()
    {
        Map<String, String> noToken = settings(Map.of());
        noToken.remove("bot_token");
        assertConfigError(noToken, "bot_token");
        assertConfigError(settings(Map.of("bot_token", "not a token")), "bot_token");
        assertConfigError(settings(Map.of("base_url", "api.telegram.org")), "base_url");
        assertConfigError(settings(Map.of("webhook_url", "x")), "webhook_url");
    }

    private void assertConfigError(Map<String, String> settings, String key)
    {
        assertThatThrownBy(() -> factoryCreate(settings))
                .isInstanceOfSatisfying(PluginConfigException.class, exception -> assertThat(exception.getKey()).isEqualTo(key))
                .hasMessageNotContaining(TOKEN);
    }

    private VendorException failure(Vendor vendor)
    {
        return catchThrowableOfType(VendorException.class, () -> vendor.send(message("987654321", true)));
    }

    private Map<String, String> settings(Map<String, String> overrides)
    {
        Map<String, String> settings = new HashMap<>();
        settings.put("bot_token", TOKEN);
        settings.put("base_url", telegram.baseUrl());
        settings.put("iris_incident_url", "https://iris.example.com/incidents");
        settings.put("timeout", "2");
        settings.putAll(overrides);
        return settings;
    }

    private Vendor vendor(Map<String, String> overrides)
    {
        return factoryCreate(settings(overrides));
    }

    private static Vendor factoryCreate(Map<String, String> settings)
    {
        return new TelegramPlugin().getVendorFactories().get(0).create(new PluginConfig("telegram-test", settings), new PluginContext() {});
    }

    private static OutboundMessage message(String destination, boolean claimable)
    {
        return new OutboundMessage(42, "telegram", destination, "disk full", "db1 is at 99%", null, "grafana", "high",
                claimable ? 7L : null, null, "db-plan", claimable, Map.of());
    }
}
