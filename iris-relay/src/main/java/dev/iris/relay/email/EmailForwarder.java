package dev.iris.relay.email;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.common.client.IrisApiResponse;
import dev.iris.common.client.IrisApiUnreachableException;
import dev.iris.relay.api.ApiClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Hands an inbound mail to the API, unless it is automatic. Whether the mail is done with
 * (handled, refused or ignored) or must be tried again later follows Iris's Gmail relay: the API's
 * 204 and 400 are final, anything else is retried.
 */
public final class EmailForwarder
{
    static final String API_PATH = "/v0/response/email";

    private static final Logger log = LoggerFactory.getLogger(EmailForwarder.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public enum Outcome
    {
        /** The API took it (204). */
        HANDLED,
        /** The API refused it as invalid (400); trying again would not help. */
        REFUSED,
        /** An auto-reply or bulk mail; not forwarded. */
        IGNORED,
        /** The API is down or failed; try again later. */
        RETRY
    }

    public record Delivery(Outcome outcome, Optional<IrisApiResponse> response)
    {
        public Delivery
        {
            requireNonNull(outcome, "outcome is null");
            requireNonNull(response, "response is null");
        }

        public boolean isFinal()
        {
            return outcome != Outcome.RETRY;
        }
    }

    private final ApiClient api;

    public EmailForwarder(ApiClient api)
    {
        this.api = requireNonNull(api, "api is null");
    }

    public Delivery forward(InboundEmail mail)
    {
        Optional<String> automatic = AutomaticMail.reason(mail);
        if (automatic.isPresent()) {
            log.info("Ignoring an automatic mail ({}) from {}", automatic.get(), mail.header("From").orElse("unknown sender"));
            return new Delivery(Outcome.IGNORED, Optional.empty());
        }
        IrisApiResponse response;
        try {
            response = api.post(API_PATH, ApiClient.JSON, toJson(mail));
        }
        catch (IrisApiUnreachableException e) {
            return new Delivery(Outcome.RETRY, Optional.empty());
        }
        if (response.status() == 204) {
            return new Delivery(Outcome.HANDLED, Optional.of(response));
        }
        if (response.status() == 400) {
            log.info("iris-api refused a mail from {}: {}", mail.header("From").orElse("unknown sender"), response.errorText().orElse("no reason given"));
            return new Delivery(Outcome.REFUSED, Optional.of(response));
        }
        log.warn("iris-api answered a forwarded mail with HTTP {}; it will be retried", response.status());
        return new Delivery(Outcome.RETRY, Optional.of(response));
    }

    private static String toJson(InboundEmail mail)
    {
        try {
            return MAPPER.writeValueAsString(mail);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
