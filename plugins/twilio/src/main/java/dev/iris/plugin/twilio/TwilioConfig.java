package dev.iris.plugin.twilio;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The settings of a Twilio vendor instance. The keys are Iris's ({@code account_sid},
 * {@code auth_token}, {@code twilio_number}, {@code application_override_mapping},
 * {@code relay_base_url}, {@code timeout}, {@code say_endpoint}, {@code gather_endpoint}), plus:
 * <ul>
 * <li>{@code api_base_url}: Twilio's API root (default {@code https://api.twilio.com}), for a
 * regional edge or a test server;</li>
 * <li>{@code machine_detection}: {@code Enable} (default), {@code DetectMessageEnd} or
 * {@code none}: whether Twilio tells the relay that a voicemail answered, so it only reads out the
 * message;</li>
 * <li>{@code phone_menu_text}: what a call says after the message (default
 * {@code "Press 2 to claim."});</li>
 * <li>{@code max_sms_segments}: cap SMS at this many segments (default: only Twilio's 1600
 * characters).</li>
 * </ul>
 */
record TwilioConfig(
        String accountSid,
        String authToken,
        String defaultFrom,
        Map<String, String> fromByApplication,
        URI relayBaseUrl,
        String sayPath,
        String gatherPath,
        URI apiBaseUrl,
        Duration timeout,
        Optional<String> machineDetection,
        String phoneMenuText,
        int maxSmsSegments)
{
    static final String ACCOUNT_SID = "account_sid";
    static final String AUTH_TOKEN = "auth_token";
    static final String TWILIO_NUMBER = "twilio_number";
    static final String APPLICATION_OVERRIDE_MAPPING = "application_override_mapping";
    static final String RELAY_BASE_URL = "relay_base_url";
    static final String SAY_ENDPOINT = "say_endpoint";
    static final String GATHER_ENDPOINT = "gather_endpoint";
    static final String API_BASE_URL = "api_base_url";
    static final String TIMEOUT = "timeout";
    static final String MACHINE_DETECTION = "machine_detection";
    static final String PHONE_MENU_TEXT = "phone_menu_text";
    static final String MAX_SMS_SEGMENTS = "max_sms_segments";

    private static final Set<String> KEYS = Set.of(ACCOUNT_SID, AUTH_TOKEN, TWILIO_NUMBER, APPLICATION_OVERRIDE_MAPPING, RELAY_BASE_URL,
            SAY_ENDPOINT, GATHER_ENDPOINT, API_BASE_URL, TIMEOUT, MACHINE_DETECTION, PHONE_MENU_TEXT, MAX_SMS_SEGMENTS);
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern ACCOUNT = Pattern.compile("AC[0-9a-fA-F]{32}");

    TwilioConfig
    {
        requireNonNull(accountSid, "accountSid is null");
        requireNonNull(authToken, "authToken is null");
        requireNonNull(defaultFrom, "defaultFrom is null");
        fromByApplication = Map.copyOf(fromByApplication);
        requireNonNull(relayBaseUrl, "relayBaseUrl is null");
        requireNonNull(apiBaseUrl, "apiBaseUrl is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(machineDetection, "machineDetection is null");
    }

    static TwilioConfig from(PluginConfig config)
    {
        config.rejectUnknownKeys(KEYS);
        String accountSid = config.required(ACCOUNT_SID).trim();
        if (!ACCOUNT.matcher(accountSid).matches()) {
            throw new PluginConfigException(ACCOUNT_SID, "must be a Twilio account SID (AC followed by 32 hex digits)");
        }
        String authToken = config.required(AUTH_TOKEN).trim();
        String defaultFrom = phoneNumber(TWILIO_NUMBER, config.required(TWILIO_NUMBER));
        Map<String, String> fromByApplication = new TreeMap<>();
        config.subMap(APPLICATION_OVERRIDE_MAPPING).forEach((application, number) ->
                fromByApplication.put(application, phoneNumber(APPLICATION_OVERRIDE_MAPPING + "." + application, number)));
        URI relayBaseUrl = httpUrl(RELAY_BASE_URL, config.required(RELAY_BASE_URL));
        URI apiBaseUrl = httpUrl(API_BASE_URL, config.optional(API_BASE_URL).orElse("https://api.twilio.com"));
        int timeoutSeconds = config.intValue(TIMEOUT, 10);
        if (timeoutSeconds < 1 || timeoutSeconds > 120) {
            throw new PluginConfigException(TIMEOUT, "must be between 1 and 120 seconds");
        }
        Optional<String> machineDetection = machineDetection(config.optional(MACHINE_DETECTION).orElse("Enable"));
        int maxSmsSegments = config.intValue(MAX_SMS_SEGMENTS, Integer.MAX_VALUE);
        if (maxSmsSegments < 1) {
            throw new PluginConfigException(MAX_SMS_SEGMENTS, "must be at least 1");
        }
        return new TwilioConfig(
                accountSid,
                authToken,
                defaultFrom,
                fromByApplication,
                relayBaseUrl,
                path(SAY_ENDPOINT, config.optional(SAY_ENDPOINT).orElse("/api/v0/twilio/calls/say")),
                path(GATHER_ENDPOINT, config.optional(GATHER_ENDPOINT).orElse("/api/v0/twilio/calls/gather")),
                apiBaseUrl,
                Duration.ofSeconds(timeoutSeconds),
                machineDetection,
                config.optional(PHONE_MENU_TEXT).orElse("Press 2 to claim."),
                maxSmsSegments);
    }

    /**
     * The From number for an application's messages.
     */
    String fromFor(String application)
    {
        return application == null ? defaultFrom : fromByApplication.getOrDefault(application, defaultFrom);
    }

    /**
     * The relay URL Twilio posts delivery statuses to.
     */
    String statusCallbackUrl()
    {
        return relayUrl("/api/v0/twilio/status");
    }

    String relayUrl(String path)
    {
        String base = relayBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    private static String phoneNumber(String key, String value)
    {
        String number = value.trim();
        if (!E164.matcher(number).matches()) {
            throw new PluginConfigException(key, "must be a phone number in E.164 form, such as +14155550100");
        }
        return number;
    }

    private static URI httpUrl(String key, String value)
    {
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
                throw new PluginConfigException(key, "must be an http or https URL");
            }
            if (uri.getUserInfo() != null) {
                throw new PluginConfigException(key, "must not carry credentials");
            }
            return uri;
        }
        catch (java.net.URISyntaxException e) {
            throw new PluginConfigException(key, "must be an http or https URL");
        }
    }

    private static String path(String key, String value)
    {
        if (!value.startsWith("/") || value.contains("?")) {
            throw new PluginConfigException(key, "must be a path starting with / and without a query");
        }
        return value;
    }

    private static Optional<String> machineDetection(String value)
    {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "enable" -> Optional.of("Enable");
            case "detectmessageend" -> Optional.of("DetectMessageEnd");
            case "none", "false", "off" -> Optional.empty();
            default -> throw new PluginConfigException(MACHINE_DETECTION, "must be Enable, DetectMessageEnd or none");
        };
    }

    @Override
    public String toString()
    {
        // Never the auth token.
        return "TwilioConfig{accountSid=" + accountSid + ", from=" + defaultFrom + ", relay=" + relayBaseUrl + "}";
    }
}
