package dev.iris.testing.fakes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.testing.fakes.FakeHttpServer.Reply;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * A stand-in for Twilio's REST API that speaks its real wire protocol, for tests and dev mode:
 * form-encoded {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} and
 * {@code .../Calls.json} with HTTP basic auth (account SID and auth token), JSON resources
 * ({@code sid}, {@code status}...) on success and Twilio's error JSON
 * ({@code code, message, more_info, status}) on failure.
 *
 * <p>Every request is recorded. Failures are scripted: {@link #enqueueFailure} answers the next
 * request with an error, {@link #rejectDestination} rejects one number for good (like a real
 * unsubscribed or invalid number), {@link #enqueueDelay} makes the next answer slow (for client
 * timeouts). {@link #sendStatusCallback} posts a status callback signed with
 * {@code X-Twilio-Signature}, as Twilio does.
 *
 * <p>Thread-safe. Start with {@link #start}, stop with {@link #close}.
 */
public final class FakeTwilioServer
        implements AutoCloseable
{
    /** Error 21211: the To number is not a valid phone number. */
    public static final int INVALID_TO_NUMBER = 21211;
    /** Error 21610: the recipient replied STOP. */
    public static final int UNSUBSCRIBED = 21610;
    /** Error 30003: the handset is unreachable. */
    public static final int UNREACHABLE = 30003;
    /** Error 20003: bad credentials. */
    public static final int AUTHENTICATION_FAILED = 20003;
    /** Error 21617: the body is longer than 1600 characters. */
    public static final int BODY_TOO_LONG = 21617;
    /** Error 20429: too many requests. */
    public static final int TOO_MANY_REQUESTS = 20429;

    private static final Pattern RESOURCE = Pattern.compile("/2010-04-01/Accounts/([^/]+)/(Messages|Calls)\\.json");
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;

    /** An SMS Twilio accepted. */
    public record SentMessage(String sid, String to, String from, String body, String statusCallback, Map<String, String> parameters) {}

    /** A call Twilio accepted. */
    public record PlacedCall(String sid, String to, String from, String url, String statusCallback, String machineDetection, Map<String, String> parameters) {}

    private record Failure(int httpStatus, int code, String message, Map<String, String> headers) {}

    private final String accountSid;
    private final String authToken;
    private final ObjectMapper json = new ObjectMapper();
    private final List<SentMessage> messages = new CopyOnWriteArrayList<>();
    private final List<PlacedCall> calls = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Duration> delays = new ConcurrentLinkedQueue<>();
    private final Map<String, Failure> rejectedDestinations = new ConcurrentHashMap<>();
    private final HttpClient callbackClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeHttpServer server;

    private FakeTwilioServer(String accountSid, String authToken)
    {
        this.accountSid = requireNonNull(accountSid, "accountSid is null");
        this.authToken = requireNonNull(authToken, "authToken is null");
        this.server = new FakeHttpServer("fake-twilio", this::handle);
    }

    /**
     * Starts a fake Twilio on a random loopback port that accepts these credentials.
     */
    public static FakeTwilioServer start(String accountSid, String authToken)
    {
        return new FakeTwilioServer(accountSid, authToken);
    }

    /**
     * The base URL to use instead of {@code https://api.twilio.com}.
     */
    public String baseUrl()
    {
        return server.baseUrl();
    }

    public String accountSid()
    {
        return accountSid;
    }

    /** SMS accepted so far, oldest first. */
    public List<SentMessage> messages()
    {
        return new ArrayList<>(messages);
    }

    /** Calls accepted so far, oldest first. */
    public List<PlacedCall> calls()
    {
        return new ArrayList<>(calls);
    }

    /** Every request received, accepted or not, oldest first. */
    public List<RecordedRequest> requests()
    {
        return server.requests();
    }

    /** Forgets what was received and every scripted failure. */
    public void reset()
    {
        messages.clear();
        calls.clear();
        failures.clear();
        delays.clear();
        rejectedDestinations.clear();
        server.clearRequests();
    }

    /**
     * Answers the next request with an error. {@code code} is Twilio's error code (such as
     * {@link #UNREACHABLE}); use HTTP 500 for a server error.
     */
    public void enqueueFailure(int httpStatus, int code, String message)
    {
        failures.add(new Failure(httpStatus, code, message, Map.of()));
    }

    /**
     * Answers the next request with HTTP 429 and a {@code Retry-After} header.
     */
    public void enqueueThrottle(Duration retryAfter)
    {
        failures.add(new Failure(429, TOO_MANY_REQUESTS, "Too Many Requests", Map.of("Retry-After", String.valueOf(retryAfter.toSeconds()))));
    }

    /**
     * Answers the next request only after {@code delay} (or never, if the server closes first).
     */
    public void enqueueDelay(Duration delay)
    {
        delays.add(delay);
    }

    /**
     * Rejects every message and call to {@code number} with HTTP 400 and {@code code}, such as
     * {@link #INVALID_TO_NUMBER} or {@link #UNSUBSCRIBED}.
     */
    public void rejectDestination(String number, int code)
    {
        rejectedDestinations.put(number, new Failure(400, code, "The destination " + number + " was rejected", Map.of()));
    }

    private Reply handle(RecordedRequest request)
    {
        Reply reply = answer(request);
        Duration delay = delays.poll();
        return delay == null ? reply : reply.withDelay(delay);
    }

    private Reply answer(RecordedRequest request)
    {
        Matcher matcher = RESOURCE.matcher(request.path());
        if (!matcher.matches()) {
            return error(new Failure(404, 20404, "The requested resource " + request.path() + " was not found", Map.of()));
        }
        if (!authorized(request) || !matcher.group(1).equals(accountSid)) {
            return error(new Failure(401, AUTHENTICATION_FAILED, "Authenticate", Map.of("WWW-Authenticate", "Basic realm=\"Twilio API\"")));
        }
        if (!request.method().equals("POST")) {
            return error(new Failure(405, 20004, "Method not allowed", Map.of()));
        }
        Failure scripted = failures.poll();
        if (scripted != null) {
            return error(scripted);
        }
        Map<String, String> form = request.form();
        String to = form.get("To");
        if (to == null || to.isBlank()) {
            return error(new Failure(400, 21604, "A 'To' phone number is required.", Map.of()));
        }
        if (form.get("From") == null && form.get("MessagingServiceSid") == null) {
            return error(new Failure(400, 21603, "A 'From' phone number is required.", Map.of()));
        }
        Failure rejected = rejectedDestinations.get(to);
        if (rejected != null) {
            return error(rejected);
        }
        if (matcher.group(2).equals("Messages")) {
            return createMessage(form);
        }
        return createCall(form);
    }

    private Reply createMessage(Map<String, String> form)
    {
        String body = form.getOrDefault("Body", "");
        if (body.isEmpty()) {
            return error(new Failure(400, 21602, "Message body is required.", Map.of()));
        }
        if (body.length() > 1600) {
            return error(new Failure(400, BODY_TOO_LONG, "The concatenated message body exceeds the 1600 character limit.", Map.of()));
        }
        String sid = "SM" + randomHex();
        messages.add(new SentMessage(sid, form.get("To"), form.get("From"), body, form.get("StatusCallback"), Map.copyOf(form)));
        Map<String, Object> resource = resource(sid, form);
        resource.put("body", body);
        resource.put("num_segments", "1");
        resource.put("num_media", "0");
        resource.put("direction", "outbound-api");
        resource.put("messaging_service_sid", form.get("MessagingServiceSid"));
        return Reply.json(201, write(resource));
    }

    private Reply createCall(Map<String, String> form)
    {
        if (form.get("Url") == null && form.get("Twiml") == null && form.get("ApplicationSid") == null) {
            return error(new Failure(400, 21205, "Either Url, Twiml or ApplicationSid is required.", Map.of()));
        }
        String sid = "CA" + randomHex();
        calls.add(new PlacedCall(sid, form.get("To"), form.get("From"), form.get("Url"), form.get("StatusCallback"), form.get("MachineDetection"), Map.copyOf(form)));
        Map<String, Object> resource = resource(sid, form);
        resource.put("direction", "outbound-api");
        resource.put("answered_by", null);
        resource.put("parent_call_sid", null);
        return Reply.json(201, write(resource));
    }

    private Map<String, Object> resource(String sid, Map<String, String> form)
    {
        String now = RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC));
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("sid", sid);
        resource.put("account_sid", accountSid);
        resource.put("to", form.get("To"));
        resource.put("from", form.get("From"));
        resource.put("status", "queued");
        resource.put("api_version", "2010-04-01");
        resource.put("date_created", now);
        resource.put("date_updated", now);
        resource.put("error_code", null);
        resource.put("error_message", null);
        resource.put("price", null);
        resource.put("uri", "/2010-04-01/Accounts/" + accountSid + "/" + (sid.startsWith("SM") ? "Messages/" : "Calls/") + sid + ".json");
        return resource;
    }

    private boolean authorized(RecordedRequest request)
    {
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty() || !header.get().startsWith("Basic ")) {
            return false;
        }
        String expected = Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), header.get().substring("Basic ".length()).trim().getBytes(StandardCharsets.UTF_8));
    }

    private Reply error(Failure failure)
    {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", failure.code());
        body.put("message", failure.message());
        body.put("more_info", "https://www.twilio.com/docs/errors/" + failure.code());
        body.put("status", failure.httpStatus());
        Reply reply = Reply.json(failure.httpStatus(), write(body));
        for (Map.Entry<String, String> header : failure.headers().entrySet()) {
            reply = reply.withHeader(header.getKey(), header.getValue());
        }
        return reply;
    }

    /**
     * Posts an SMS status callback ({@code MessageSid, MessageStatus, SmsSid, SmsStatus,
     * AccountSid, From, To, ApiVersion}, plus {@code ErrorCode} when given) to the message's
     * {@code StatusCallback} URL, signed with the auth token.
     *
     * @return the HTTP status the receiver answered
     */
    public int sendStatusCallback(String messageSid, String status, Integer errorCode)
    {
        SentMessage message = messages.stream()
                .filter(candidate -> candidate.sid().equals(messageSid))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no message " + messageSid));
        if (message.statusCallback() == null) {
            throw new IllegalStateException("message " + messageSid + " has no StatusCallback");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("MessageSid", messageSid);
        parameters.put("SmsSid", messageSid);
        parameters.put("MessageStatus", status);
        parameters.put("SmsStatus", status);
        parameters.put("AccountSid", accountSid);
        parameters.put("From", message.from());
        parameters.put("To", message.to());
        parameters.put("ApiVersion", "2010-04-01");
        if (errorCode != null) {
            parameters.put("ErrorCode", errorCode.toString());
        }
        return post(message.statusCallback(), parameters).status();
    }

    /**
     * Posts a call status callback ({@code CallSid, CallStatus, AccountSid, From, To, Direction,
     * ApiVersion}, plus {@code AnsweredBy} and {@code CallDuration} when given) to the call's
     * {@code StatusCallback} URL, signed.
     *
     * @return the HTTP status the receiver answered
     */
    public int sendCallStatusCallback(String callSid, String status, String answeredBy, Integer durationSeconds)
    {
        PlacedCall call = call(callSid);
        if (call.statusCallback() == null) {
            throw new IllegalStateException("call " + callSid + " has no StatusCallback");
        }
        Map<String, String> parameters = callParameters(call, status);
        if (answeredBy != null) {
            parameters.put("AnsweredBy", answeredBy);
        }
        if (durationSeconds != null) {
            parameters.put("CallDuration", durationSeconds.toString());
        }
        return post(call.statusCallback(), parameters).status();
    }

    /**
     * Answers a placed call: fetches its TwiML from the call's {@code Url} as Twilio does (a
     * signed POST with {@code CallStatus=in-progress}, and {@code AnsweredBy} when given, such as
     * {@code human} or {@code machine_start}).
     */
    public Answer answerCall(String callSid, String answeredBy)
    {
        PlacedCall call = call(callSid);
        Map<String, String> parameters = callParameters(call, "in-progress");
        if (answeredBy != null) {
            parameters.put("AnsweredBy", answeredBy);
        }
        return post(call.url(), parameters);
    }

    /**
     * The callee pressed keys in a {@code <Gather>}: posts {@code Digits} to the gather's
     * {@code action} URL (taken from the TwiML), signed.
     */
    public Answer pressDigits(String callSid, String actionUrl, String digits)
    {
        Map<String, String> parameters = callParameters(call(callSid), "in-progress");
        parameters.put("Digits", digits);
        parameters.put("FinishedOnKey", "");
        return post(actionUrl, parameters);
    }

    /**
     * A person texted {@code body} from {@code from} to the Iris number {@code to}: posts
     * Twilio's inbound SMS webhook to {@code url}, signed.
     */
    public Answer sendInboundSms(String url, String from, String to, String body)
    {
        String sid = "SM" + randomHex();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("MessageSid", sid);
        parameters.put("SmsMessageSid", sid);
        parameters.put("SmsSid", sid);
        parameters.put("AccountSid", accountSid);
        parameters.put("From", from);
        parameters.put("To", to);
        parameters.put("Body", body);
        parameters.put("NumMedia", "0");
        parameters.put("NumSegments", "1");
        parameters.put("SmsStatus", "received");
        parameters.put("ApiVersion", "2010-04-01");
        return post(url, parameters);
    }

    /** What a webhook receiver answered: its status and body (TwiML, usually). */
    public record Answer(int status, String body) {}

    private PlacedCall call(String callSid)
    {
        return calls.stream()
                .filter(candidate -> candidate.sid().equals(callSid))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no call " + callSid));
    }

    private Map<String, String> callParameters(PlacedCall call, String status)
    {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("CallSid", call.sid());
        parameters.put("AccountSid", accountSid);
        parameters.put("From", call.from());
        parameters.put("To", call.to());
        parameters.put("Called", call.to());
        parameters.put("Caller", call.from());
        parameters.put("CallStatus", status);
        parameters.put("Direction", "outbound-api");
        parameters.put("ApiVersion", "2010-04-01");
        return parameters;
    }

    /**
     * Posts any form to {@code url} signed as Twilio would sign it.
     */
    public Answer post(String url, Map<String, String> parameters)
    {
        String body = parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature(authToken, url, parameters))
                .header("User-Agent", "TwilioProxy/1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = callbackClient.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Twilio's request signature: base64 of HMAC-SHA1, keyed with the auth token, over the full
     * URL followed by every POST parameter's name and value, sorted by name.
     */
    public static String signature(String authToken, String url, Map<String, String> parameters)
    {
        StringBuilder text = new StringBuilder(url);
        new TreeMap<>(parameters).forEach((name, value) -> text.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String randomHex()
    {
        byte[] bytes = new byte[16];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private String write(Object value)
    {
        try {
            return json.writeValueAsString(value);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close()
    {
        server.close();
    }
}
