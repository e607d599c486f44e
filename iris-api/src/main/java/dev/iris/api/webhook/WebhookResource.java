package dev.iris.api.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.api.IrisApiConfiguration;
import dev.iris.api.auth.AuthenticatedApplication;
import dev.iris.api.http.KeyedRateLimiter;
import dev.iris.api.auth.Caller;
import dev.iris.api.auth.OwnAuthentication;
import dev.iris.api.ingest.QueryKeyAuthenticator;
import dev.iris.common.http.ErrorBody;
import dev.iris.common.http.IrisException;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * {@code POST /v0/webhooks/{alertmanager|grafana|generic}?application=&key=}: alerts from
 * monitoring systems. Authenticated by the application's primary or secondary key in the query
 * (or the application's HMAC). In order: 404 for a webhook not enabled, 401, 413 for a body over
 * {@code webhooks.maxBodyBytes}, 429 with Retry-After over the application's rate, 400 naming
 * what is missing, then Iris's answer: the incident id as the body with its {@code Location},
 * 201 when an incident was created, 200 when deduplicated, resolved or ignored (the action is in
 * the {@value WebhookResult#ACTION_HEADER} header; see {@link WebhookResult}).
 */
@Path("/v0/webhooks/{name}")
@OwnAuthentication
@Produces(MediaType.APPLICATION_JSON)
public final class WebhookResource
{
    private final QueryKeyAuthenticator authenticator;
    private final AlertIngestService ingest;
    private final ObjectMapper objectMapper;
    private final KeyedRateLimiter rateLimiter;
    private final Set<String> enabled;
    private final int maxBodyBytes;

    @Inject
    public WebhookResource(QueryKeyAuthenticator authenticator, AlertIngestService ingest, ObjectMapper objectMapper, IrisApiConfiguration configuration,
            Clock clock)
    {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.ingest = requireNonNull(ingest, "ingest is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
        WebhookConfig webhooks = configuration.getWebhooks();
        this.rateLimiter = new KeyedRateLimiter(webhooks.getRequestsPerMinute(), java.time.Duration.ofMinutes(1), clock);
        this.enabled = Set.copyOf(webhooks.getEnabled());
        this.maxBodyBytes = webhooks.getMaxBodyBytes();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response receive(
            @Auth Caller caller,
            @PathParam("name") String name,
            @QueryParam("application") String application,
            @QueryParam("key") String key,
            @QueryParam("plan") String plan,
            @QueryParam("plan_path") String planPath,
            @QueryParam("dedup_key") String dedupKey,
            @QueryParam("dedup_path") String dedupPath,
            @QueryParam("action") String action,
            @QueryParam("action_path") String actionPath,
            String body)
    {
        if (!enabled.contains(name)) {
            throw IrisException.notFound("Webhook not found", "No webhook named " + name + " is enabled");
        }
        AuthenticatedApplication app = authenticator.authenticate(caller, application, key);
        int size = body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBodyBytes) {
            throw new IrisException(413, "Request body too large", "The limit for webhooks is " + maxBodyBytes + " bytes");
        }
        OptionalLong retryAfter = rateLimiter.tryAcquire(app.name());
        if (retryAfter.isPresent()) {
            return Response.status(429)
                    .header("Retry-After", retryAfter.getAsLong())
                    .entity(new ErrorBody("Too many requests", "Application " + app.name() + " sends alerts faster than "
                            + "the configured rate; retry after " + retryAfter.getAsLong() + " seconds"))
                    .build();
        }
        JsonNode json = parse(body);
        InboundAlert alert = switch (name) {
            case "alertmanager" -> AlertmanagerPayload.parse(json, plan);
            case "grafana" -> GrafanaPayload.parse(json, plan);
            case "rackspace" -> RackspacePayload.parse(json, plan);
            case "freshping" -> FreshpingPayload.parse(json, plan);
            case "generic" -> GenericPayload.parse(json, new GenericPayload.Options(plan, planPath, dedupKey, dedupPath, action, actionPath));
            default -> throw IrisException.notFound("Webhook not found", "No webhook named " + name);
        };
        return ingest.ingest(app, name, alert).toResponse();
    }

    private JsonNode parse(String body)
    {
        if (body == null || body.isBlank()) {
            throw new AlertPayloadException("The body is empty; expected a JSON object");
        }
        try {
            return objectMapper.readTree(body);
        }
        catch (JsonProcessingException e) {
            throw new AlertPayloadException("The body is not valid JSON");
        }
    }
}
