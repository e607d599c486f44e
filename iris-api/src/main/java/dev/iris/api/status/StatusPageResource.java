package dev.iris.api.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.api.IrisApiConfiguration;
import dev.iris.api.auth.OwnAuthentication;
import dev.iris.common.http.IrisException;
import dev.iris.core.status.PublicStatus;
import dev.iris.core.status.StatusAdmin;
import dev.iris.core.status.StatusBoard;
import dev.iris.core.status.StatusSettings;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * The public status page: {@code /status} (HTML without scripts), {@code /status/feed.atom},
 * {@code /status/api/v2/summary.json}, and email subscriptions. No login; answers are cacheable
 * for {@code status.cacheSeconds} with an ETag, so a crowd of visitors during an outage costs
 * little. Everything shown comes from {@link PublicStatus}.
 */
@Path("/status")
@OwnAuthentication
public final class StatusPageResource
{
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors 'none'";
    private static final String CSS = css();

    private final StatusBoard board;
    private final StatusAdmin admin;
    private final StatusSettings settings;
    private final ObjectMapper json;
    private final Clock clock;
    private final int cacheSeconds;
    private final PublishedPostmortems postmortems;
    private final SubscriptionLimits subscriptionLimits;

    @Inject
    public StatusPageResource(StatusBoard board, StatusAdmin admin, StatusSettings settings, ObjectMapper json, Clock clock,
            IrisApiConfiguration configuration, PublishedPostmortems postmortems)
    {
        this.board = requireNonNull(board, "board is null");
        this.admin = requireNonNull(admin, "admin is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.cacheSeconds = configuration.getStatus().getCacheSeconds();
        this.postmortems = requireNonNull(postmortems, "postmortems is null");
        StatusConfig config = configuration.getStatus();
        this.subscriptionLimits = new SubscriptionLimits(config.getSubscriptionsPerAddressPerHour(), config.getSubscriptionsPerHour(), clock);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@Context Request request)
    {
        PublicStatus status = board.publicStatus(clock.instant());
        return cached(request, status, "html", () -> new StatusPageView("status.ftlh", status, null, null, null, null)
                .withPostmortems(postmortems.list()), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    @GET
    @Path("incidents/{id: [0-9]+}")
    @Produces(MediaType.TEXT_HTML)
    public Response incident(@PathParam("id") long id, @Context Request request)
    {
        PublicStatus status = board.publicStatus(clock.instant());
        List<PublicStatus.Incident> one = status.incidents().stream().filter(incident -> incident.id() == id).toList();
        if (one.isEmpty()) {
            return plain(Response.Status.NOT_FOUND, status, "There is no such incident on this page (older incidents are not kept here).");
        }
        PublicStatus only = new PublicStatus(status.title(), status.generated(), List.of(), one);
        return cached(request, only, "incident", () -> new StatusPageView("status-incident.ftlh", only, null, null, null, null),
                MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    @GET
    @Path("postmortems/{id: [0-9]+}")
    @Produces(MediaType.TEXT_HTML)
    public Response postmortem(@PathParam("id") long id)
    {
        PublicStatus status = board.publicStatus(clock.instant());
        return postmortems.html(id)
                .map(html -> headers(Response.ok(new StatusPageView("status-postmortem.ftlh", status, null, null, null, html)))
                        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build())
                .orElseGet(() -> plain(Response.Status.NOT_FOUND, status, "There is no such published postmortem."));
    }

    @GET
    @Path("api/v2/summary.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response summary(@Context Request request)
    {
        PublicStatus status = board.publicStatus(clock.instant());
        return cached(request, status, "json", () -> StatusSummaryJson.render(json, status, settings.publicUrl()), MediaType.APPLICATION_JSON_TYPE);
    }

    @GET
    @Path("feed.atom")
    @Produces("application/atom+xml")
    public Response feed(@Context Request request)
    {
        PublicStatus status = board.publicStatus(clock.instant());
        return cached(request, status, "atom", () -> StatusAtomFeed.render(status, settings.publicUrl()),
                MediaType.valueOf("application/atom+xml;charset=UTF-8"));
    }

    @GET
    @Path("status.css")
    @Produces("text/css")
    public Response css(@Context Request request)
    {
        EntityTag tag = new EntityTag(sha256(CSS));
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        CacheControl cache = new CacheControl();
        cache.setMaxAge(3600);
        return (unchanged != null ? unchanged : Response.ok(CSS, "text/css;charset=UTF-8")).tag(tag).cacheControl(cache).build();
    }

    @POST
    @Path("subscriptions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response subscribe(@FormParam("email") String email, @Context HttpServletRequest http)
    {
        PublicStatus status = board.publicStatus(clock.instant());
        // The connection's address (Jetty's forwarded-header support decides whether a proxy's
        // X-Forwarded-For is believed: server.applicationConnectors[].useForwardedHeaders).
        OptionalLong wait = subscriptionLimits.tryAcquire(http.getRemoteAddr());
        if (wait.isPresent()) {
            long minutes = Math.max(1, (wait.getAsLong() + 59) / 60);
            return Response.fromResponse(plain(Response.Status.TOO_MANY_REQUESTS, status,
                            "Too many subscription requests just now. Please try again in " + minutes + (minutes == 1 ? " minute." : " minutes.")))
                    .header("Retry-After", wait.getAsLong())
                    .build();
        }
        try {
            admin.subscribe(email);
        }
        catch (IrisException e) {
            return plain(Response.Status.BAD_REQUEST, status, e.description() == null ? e.title() : e.description());
        }
        return plain(Response.Status.OK, status, "Almost done: we sent a confirmation link to that address. Updates start once you follow it.");
    }

    @GET
    @Path("subscriptions/{action: confirm|unsubscribe}")
    @Produces(MediaType.TEXT_HTML)
    public Response confirmForm(@PathParam("action") String action, @QueryParam("token") String token)
    {
        // A form, not the change itself: link previews and mail scanners open links.
        PublicStatus status = board.publicStatus(clock.instant());
        return headers(Response.ok(new StatusPageView("status-subscription.ftlh", status, null, token == null ? "" : token, action, null)))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    @POST
    @Path("subscriptions/{action: confirm|unsubscribe}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response confirm(@PathParam("action") String action, @FormParam("token") String token)
    {
        PublicStatus status = board.publicStatus(clock.instant());
        boolean done = action.equals("confirm") ? admin.confirm(token) : admin.unsubscribe(token);
        if (!done) {
            return plain(Response.Status.NOT_FOUND, status, "This link is no longer valid.");
        }
        return plain(Response.Status.OK, status, action.equals("confirm")
                ? "Subscribed: you will get an email when the status changes or an update is posted."
                : "Unsubscribed: you will get no more emails.");
    }

    private Response plain(Response.Status code, PublicStatus status, String message)
    {
        return headers(Response.status(code).entity(new StatusPageView("status-message.ftlh", status, message, null, null, null)))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .build();
    }

    /**
     * 304 when the client's copy is current; the ETag covers what is shown and the day (the
     * history bars move at midnight), not the time of the request.
     */
    private Response cached(Request request, PublicStatus status, String variant, java.util.function.Supplier<Object> entity, MediaType type)
    {
        LocalDate day = status.generated().atOffset(ZoneOffset.UTC).toLocalDate();
        EntityTag tag = new EntityTag(sha256(variant + day + status.fingerprint() + postmortems.list()));
        CacheControl cache = new CacheControl();
        cache.setMaxAge(cacheSeconds);
        cache.setPrivate(false);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        Response.ResponseBuilder builder = unchanged != null ? unchanged : Response.ok(entity.get(), type);
        return headers(builder).tag(tag).cacheControl(cache).build();
    }

    private static Response.ResponseBuilder headers(Response.ResponseBuilder builder)
    {
        return builder.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
    }

    private static String sha256(String text)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String css()
    {
        try (InputStream in = StatusPageResource.class.getResourceAsStream("/dev/iris/api/status/status.css")) {
            return new String(requireNonNull(in, "status.css is missing").readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
