package dev.iris.dev.inbox;

import dev.iris.api.auth.OwnAuthentication;
import dev.iris.api.ui.PageContext;
import dev.iris.api.ui.PageView;
import dev.iris.api.ui.UiPage;
import dev.iris.api.ui.UiPages;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jdbi.v3.core.Jdbi;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code /dev/inbox}, served only by {@code ./iris dev}'s API ({@link dev.iris.dev.DevApiApplication}): every message the dev vendor delivered, grouped by
 * recipient, each with a reply box that answers as the recipient's phone or mailbox would.
 */
@Path("/dev/inbox")
@OwnAuthentication
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class DevInboxResource
{
    private final DevInboxDao inbox;
    private final DevReplies replies;
    private final UiPages pages;

    @Inject
    public DevInboxResource(Jdbi jdbi, DevReplies replies, UiPages pages)
    {
        this.inbox = requireNonNull(jdbi, "jdbi is null").onDemand(DevInboxDao.class);
        this.replies = requireNonNull(replies, "replies is null");
        this.pages = requireNonNull(pages, "pages is null");
    }

    @GET
    public DevInboxView list(
            @QueryParam("to") String destination,
            @QueryParam("message") String message,
            @QueryParam("error") String error,
            @Context ContainerRequestContext request)
    {
        String filter = destination == null || destination.isBlank() ? null : destination;
        Map<String, List<DevInboxDao.Delivery>> byRecipient = new LinkedHashMap<>();
        for (DevInboxDao.Delivery delivery : inbox.deliveries(filter)) {
            byRecipient.computeIfAbsent(delivery.destination(), key -> new ArrayList<>()).add(delivery);
        }
        return new DevInboxView(pages.context(request, "inbox"), filter, byRecipient, message, error);
    }

    @POST
    @Path("{id}/reply")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reply(@PathParam("id") long id, @FormParam("body") String body, @FormParam("to") String to)
    {
        DevInboxDao.Delivery delivery = inbox.delivery(id).orElseThrow(() -> new NotFoundException("No such delivery"));
        String back = "/dev/inbox" + (to == null || to.isBlank() ? "?" : "?to=" + encode(to) + "&");
        if (body == null || body.isBlank()) {
            return Response.seeOther(URI.create(back + "error=" + encode("Type a reply first"))).build();
        }
        DevReplies.Outcome outcome = replies.reply(delivery, body.strip());
        String text = "Reply to " + delivery.destination() + " (" + delivery.mode() + "): " + outcome.text();
        return Response.seeOther(URI.create(back + (outcome.ok() ? "message=" : "error=") + encode(text))).build();
    }

    private static String encode(String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /**
     * The dev inbox page.
     */
    public static final class DevInboxView
            extends PageView
    {
        private final String destination;
        private final Map<String, List<DevInboxDao.Delivery>> byRecipient;
        private final String message;
        private final String error;

        DevInboxView(PageContext context, String destination, Map<String, List<DevInboxDao.Delivery>> byRecipient, String message, String error)
        {
            super("/dev/iris/dev/inbox/dev-inbox.ftlh", context, "Dev inbox");
            this.destination = destination;
            this.byRecipient = byRecipient;
            this.message = message;
            this.error = error;
        }

        public String getDestination()
        {
            return destination;
        }

        public Map<String, List<DevInboxDao.Delivery>> getByRecipient()
        {
            return byRecipient;
        }

        public String getMessage()
        {
            return message;
        }

        public String getError()
        {
            return error;
        }
    }
}
