package dev.iris.relay.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.common.auth.IrisHmac;
import dev.iris.common.client.IrisApiResponse;
import dev.iris.common.http.IrisException;
import dev.iris.relay.http.RequestBodies;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * {@code POST /api/v0/email/relay}: inbound mail pushed over HTTP by a mail provider or an MTA
 * hook, authenticated with a shared secret header. The body is either the raw mail
 * ({@code message/rfc822}) or Iris's own {@code {headers, body}} JSON. The answer mirrors the
 * API's: 204 (with {@code X-IRIS-INCIDENT} when the mail opened an incident), 400 when it was
 * refused, and 503 when it should be delivered again later.
 */
@Path("/api/v0/email/relay")
public final class InboundMailResource
{
    public static final String SECRET_HEADER = "X-Iris-Inbound-Mail-Secret";
    static final String INCIDENT_HEADER = "X-IRIS-INCIDENT";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Optional<String> secret;
    private final long maxMessageBytes;
    private final EmailForwarder forwarder;

    public InboundMailResource(Optional<String> secret, long maxMessageBytes, EmailForwarder forwarder)
    {
        this.secret = requireNonNull(secret, "secret is null");
        this.maxMessageBytes = maxMessageBytes;
        this.forwarder = requireNonNull(forwarder, "forwarder is null");
    }

    @POST
    public Response relay(@HeaderParam(SECRET_HEADER) String presented, @Context HttpHeaders headers, InputStream body)
    {
        if (secret.isEmpty()) {
            throw IrisException.notFound("Not Found", "The inbound mail endpoint is not configured");
        }
        // Checked before the body is read, so nobody without the secret makes the relay parse mail.
        if (presented == null || !IrisHmac.constantTimeEquals(secret.get(), presented)) {
            throw IrisException.unauthorized("Unauthorized", "Missing or invalid " + SECRET_HEADER + " header");
        }
        InboundEmail mail = parse(headers.getMediaType(), RequestBodies.read(body, maxMessageBytes));
        EmailForwarder.Delivery delivery = forwarder.forward(mail);
        return switch (delivery.outcome()) {
            case HANDLED -> withIncidentHeader(Response.noContent(), delivery.response()).build();
            case IGNORED -> Response.noContent().build();
            case REFUSED -> throw refused(delivery.response());
            case RETRY -> throw new IrisException(503, "Service Unavailable", "The mail could not be handed to Iris; deliver it again later");
        };
    }

    /**
     * The API's own 400, passed on so the sender's system can tell why.
     */
    private static IrisException refused(Optional<IrisApiResponse> response)
    {
        String title = response.flatMap(IrisApiResponse::errorTitle).orElse("Invalid response");
        String description = response.flatMap(IrisApiResponse::errorText).filter(text -> !text.equals(title)).orElse(null);
        return IrisException.badRequest(title, description);
    }

    private static Response.ResponseBuilder withIncidentHeader(Response.ResponseBuilder builder, Optional<IrisApiResponse> response)
    {
        response.flatMap(answer -> answer.header(INCIDENT_HEADER)).ifPresent(incident -> builder.header(INCIDENT_HEADER, incident));
        return builder;
    }

    private static InboundEmail parse(MediaType mediaType, byte[] body)
    {
        if (mediaType != null && mediaType.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return parseJson(body);
        }
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(body));
            return MimeMails.toInboundEmail(message);
        }
        catch (MessagingException | IOException e) {
            throw IrisException.badRequest("Invalid request body", "expected a MIME mail (message/rfc822) or Iris's JSON");
        }
    }

    private static InboundEmail parseJson(byte[] body)
    {
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        }
        catch (IOException e) {
            throw invalidJsonMail();
        }
        // Only an object can be a mail; Jackson would read a JSON null (or an empty body) as a
        // null mail instead of failing.
        if (json == null || !json.isObject()) {
            throw invalidJsonMail();
        }
        try {
            return MAPPER.treeToValue(json, InboundEmail.class);
        }
        catch (IOException | RuntimeException e) {
            throw invalidJsonMail();
        }
    }

    private static IrisException invalidJsonMail()
    {
        return IrisException.badRequest("Invalid request body", "expected {\"headers\": [{\"name\", \"value\"}], \"body\"}");
    }
}
