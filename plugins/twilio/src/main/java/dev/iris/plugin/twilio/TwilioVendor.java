package dev.iris.plugin.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallCreator;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.iris.spi.vendor.OutboundMessage;
import dev.iris.spi.vendor.SendResult;
import dev.iris.spi.vendor.Vendor;
import dev.iris.spi.vendor.VendorException;
import dev.iris.spi.vendor.VendorException.Category;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Sends SMS and places calls through Twilio's REST API with twilio-java, one HTTP attempt per
 * message (see {@link SingleAttemptHttpClient}).
 *
 * <p>SMS: Iris's text ({@code "subject. body"}) fitted to Twilio's limits by {@link SmsText}, with
 * a status callback to the relay's {@code /api/v0/twilio/status}. Calls: Twilio fetches TwiML from
 * the relay, which reads out the content (first 480 characters) three times and, for claimable
 * messages, gathers a keypress ({@code gather_endpoint}); other messages use {@code say_endpoint}.
 * The result carries the Twilio SID (SM... or CA...).
 */
final class TwilioVendor
        implements Vendor
{
    private static final Logger log = LoggerFactory.getLogger(TwilioVendor.class);
    private static final int MAX_SPOKEN_CHARACTERS = 480;
    private static final int SPOKEN_REPEATS = 3;

    private final TwilioConfig config;
    private final TwilioRestClient client;

    TwilioVendor(TwilioConfig config)
    {
        this.config = requireNonNull(config, "config is null");
        this.client = new TwilioRestClient.Builder(config.accountSid(), config.authToken())
                .httpClient(new SingleAttemptHttpClient(config.apiBaseUrl(), config.timeout()))
                .build();
    }

    @Override
    public Set<String> supportedModes()
    {
        return Set.of("sms", "call");
    }

    @Override
    public SendResult send(OutboundMessage message)
            throws VendorException
    {
        if (message.destination().equals(fromFor(message))) {
            // An SMS to our own number would come back as a reply and could loop.
            throw new VendorException(Category.PERMANENT, "Message " + message.messageId() + " is addressed to Iris's own number " + message.destination());
        }
        return switch (message.mode()) {
            case "sms" -> sendSms(message);
            case "call" -> placeCall(message);
            default -> throw new VendorException(Category.CONFIGURATION, "The twilio vendor does not deliver mode " + message.mode());
        };
    }

    private SendResult sendSms(OutboundMessage message)
            throws VendorException
    {
        String text = SmsText.fit(SmsText.compose(message.subject(), message.body()), SmsText.TWILIO_MAX_CHARACTERS, config.maxSmsSegments());
        if (text.isEmpty()) {
            throw new VendorException(Category.PERMANENT, "The SMS for message " + message.messageId() + " has no text");
        }
        try {
            Message created = Message.creator(new PhoneNumber(message.destination()), new PhoneNumber(fromFor(message)), text)
                    .setStatusCallback(URI.create(config.statusCallbackUrl() + "?message_id=" + message.messageId()))
                    .create(client);
            log.debug("Twilio accepted SMS {} for message {}", created.getSid(), message.messageId());
            return SendResult.accepted(created.getSid());
        }
        catch (TwilioException e) {
            throw failure("SMS", message, e);
        }
    }

    private SendResult placeCall(OutboundMessage message)
            throws VendorException
    {
        try {
            CallCreator creator = Call.creator(new PhoneNumber(message.destination()), new PhoneNumber(fromFor(message)), URI.create(twimlUrl(message)))
                    .setStatusCallback(URI.create(config.statusCallbackUrl() + "?message_id=" + message.messageId()));
            config.machineDetection().ifPresent(creator::setMachineDetection);
            Call created = creator.create(client);
            log.debug("Twilio accepted call {} for message {}", created.getSid(), message.messageId());
            return SendResult.accepted(created.getSid());
        }
        catch (TwilioException e) {
            throw failure("call", message, e);
        }
    }

    /**
     * The relay URL Twilio fetches the call's TwiML from, with Iris's query parameters.
     */
    String twimlUrl(OutboundMessage message)
    {
        String content = SmsText.compose(message.subject(), message.body());
        if (content.length() > MAX_SPOKEN_CHARACTERS) {
            int end = MAX_SPOKEN_CHARACTERS;
            if (Character.isHighSurrogate(content.charAt(end - 1))) {
                end--;
            }
            content = content.substring(0, end);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("content", content);
        parameters.put("loop", String.valueOf(SPOKEN_REPEATS));
        parameters.put("source", message.application() == null ? "" : message.application());
        if (message.claimable()) {
            parameters.put("message_id", String.valueOf(message.messageId()));
            parameters.put("instruction", config.phoneMenuText());
        }
        String query = parameters.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return config.relayUrl(message.claimable() ? config.gatherPath() : config.sayPath()) + "?" + query;
    }

    private String fromFor(OutboundMessage message)
    {
        // A per-application sender address resolved by Iris wins over the plugin's own mapping.
        String from = message.headers().get("from");
        if (from != null && from.startsWith("+")) {
            return from;
        }
        return config.fromFor(message.application());
    }

    private static VendorException failure(String what, OutboundMessage message, TwilioException exception)
    {
        String target = what + " to " + message.destination() + " (message " + message.messageId() + ")";
        if (exception instanceof SingleAttemptHttpClient.ThrottledException throttled) {
            return new VendorException(Category.TRANSIENT, "Twilio throttled the " + target, throttled.retryAfter().orElse(null), exception);
        }
        if (exception instanceof ApiConnectionException) {
            return new VendorException(Category.TRANSIENT, "Twilio " + target + " failed: " + exception.getMessage(), exception);
        }
        if (exception instanceof ApiException api) {
            int status = api.getStatusCode() == null ? 0 : api.getStatusCode();
            int code = api.getCode() == null ? 0 : api.getCode();
            String description = "Twilio refused the " + target + ": " + (code == 0 ? "" : "error " + code + " ") + api.getMessage() + " (HTTP " + status + ")";
            return new VendorException(TwilioErrors.category(status, code), description, exception);
        }
        return new VendorException(Category.TRANSIENT, "Twilio " + target + " failed: " + exception.getClass().getSimpleName(), exception);
    }

    @Override
    public void close()
    {
        // The JDK HTTP client needs no closing on Java 17.
    }
}
