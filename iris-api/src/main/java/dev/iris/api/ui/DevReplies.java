package dev.iris.api.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.core.auth.IrisHmac;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Sends a dev inbox reply to this API's response endpoints exactly as iris-relay forwards a real
 * reply: signed with the {@code iris-relay} application's key, an SMS or call as Twilio's form
 * fields {@code From}/{@code Body}, an email as the relay's JSON headers and body, a Slack reply as
 * the relay's JSON. So the dev inbox exercises the same parsing and claim path as production.
 */
@Singleton
public final class DevReplies
{
    static final String RELAY_APPLICATION = "iris-relay";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final DevInboxDao dao;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private volatile URI baseUri;

    @Inject
    public DevReplies(Jdbi jdbi, ObjectMapper objectMapper, Clock clock)
    {
        this.dao = requireNonNull(jdbi, "jdbi is null").onDemand(DevInboxDao.class);
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Where this API listens, once the server has started.
     */
    public void setBaseUri(URI baseUri)
    {
        this.baseUri = requireNonNull(baseUri, "baseUri is null");
    }

    /**
     * What the reply got back, as the person would see it (the app response or the error).
     */
    public record Outcome(boolean ok, String text) {}

    public Outcome reply(DevInboxDao.Delivery delivery, String text)
    {
        if (baseUri == null) {
            return new Outcome(false, "The API has not finished starting");
        }
        String key = dao.applicationKey(RELAY_APPLICATION).orElse(null);
        if (key == null) {
            return new Outcome(false, "No " + RELAY_APPLICATION + " application: replies need it (the dev seed creates it)");
        }
        return switch (delivery.mode()) {
            case "sms", "call" -> send(key, "/v0/response/twilio/messages", "application/x-www-form-urlencoded",
                    form(Map.of("From", delivery.destination(), "Body", text)));
            case "email" -> send(key, "/v0/response/email", "application/json", json(Map.of(
                    "headers", List.of(
                            Map.of("name", "From", "value", delivery.destination()),
                            Map.of("name", "Subject", "value", "Re: " + delivery.subject())),
                    "body", text)));
            case "slack" -> send(key, "/v0/response/slack", "application/json", json(Map.of(
                    "msg_id", delivery.messageId(), "source", delivery.destination(), "content", text)));
            default -> new Outcome(false, "Replies by " + delivery.mode() + " are not supported");
        };
    }

    private Outcome send(String key, String path, String contentType, String body)
    {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .header("Authorization", IrisHmac.authorization(RELAY_APPLICATION, key, clock, "POST", path, body, null))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Outcome(response.statusCode() < 300, describe(response));
        }
        catch (IOException e) {
            return new Outcome(false, "The reply could not be delivered: " + e.getMessage());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "Interrupted");
        }
    }

    private String describe(HttpResponse<String> response)
    {
        try {
            JsonNode json = response.body().isBlank() ? null : objectMapper.readTree(response.body());
            if (json != null && json.hasNonNull("app_response")) {
                return json.get("app_response").asText();
            }
            if (json != null && json.hasNonNull("title")) {
                return response.statusCode() + " " + json.get("title").asText()
                        + (json.hasNonNull("description") ? ": " + json.get("description").asText() : "");
            }
        }
        catch (IOException ignored) {
            // Not JSON: fall through to the status line.
        }
        return response.statusCode() < 300 ? "Reply accepted" : "Reply refused with status " + response.statusCode();
    }

    private static String form(Map<String, String> fields)
    {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return body.toString();
    }

    private String json(Object value)
    {
        try {
            return objectMapper.writeValueAsString(value);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
