package dev.iris.dev.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.common.client.IrisApiClient;
import dev.iris.common.client.IrisApiResponse;
import dev.iris.common.client.IrisApiUnreachableException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
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
 * The requests go through the one signed {@link IrisApiClient}.
 */
@Singleton
public final class DevReplies
{
    public static final String RELAY_APPLICATION = "iris-relay";

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
            case "sms", "call" -> send(key, "/v0/response/twilio/messages", IrisApiClient.FORM,
                    form(Map.of("From", delivery.destination(), "Body", text)));
            case "email" -> send(key, "/v0/response/email", IrisApiClient.JSON, json(Map.of(
                    "headers", List.of(
                            Map.of("name", "From", "value", delivery.destination()),
                            Map.of("name", "Subject", "value", "Re: " + delivery.subject())),
                    "body", text)));
            case "slack" -> send(key, "/v0/response/slack", IrisApiClient.JSON, json(Map.of(
                    "msg_id", delivery.messageId(), "source", delivery.destination(), "content", text)));
            default -> new Outcome(false, "Replies by " + delivery.mode() + " are not supported");
        };
    }

    private Outcome send(String key, String path, String contentType, String body)
    {
        IrisApiClient client = IrisApiClient.builder(baseUri)
                .signedAs(RELAY_APPLICATION, key)
                .clock(clock)
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        try {
            IrisApiResponse response = client.post(path, contentType, body);
            return new Outcome(response.status() < 300, describe(response));
        }
        catch (IrisApiUnreachableException e) {
            return new Outcome(false, "The reply could not be delivered: " + e.getMessage());
        }
    }

    private static String describe(IrisApiResponse response)
    {
        if (response.appResponse().isPresent()) {
            return response.appResponse().get();
        }
        if (response.errorTitle().isPresent()) {
            return response.status() + " " + response.errorTitle().get() + response.errorDescription().map(description -> ": " + description).orElse("");
        }
        return response.status() < 300 ? "Reply accepted" : "Reply refused with status " + response.status();
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
