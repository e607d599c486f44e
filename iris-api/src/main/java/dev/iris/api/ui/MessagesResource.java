package dev.iris.api.ui;

import dev.iris.api.auth.OwnAuthentication;
import dev.iris.common.http.IrisException;
import dev.iris.core.message.MessageQueries;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code /messages}: the message search (the same query as {@code GET /v0/messages}) and one
 * message with its delivery state and audit log (as {@code GET /v0/messages/{id}} and
 * {@code /auditlog}).
 */
@Path("/messages")
@OwnAuthentication
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class MessagesResource
{
    private static final int LIMIT = 200;

    private final MessageQueries messages;
    private final MessageDeliveryDao deliveries;
    private final PlanChoicesDao choices;
    private final UiPages pages;

    @Inject
    public MessagesResource(MessageQueries messages, Jdbi jdbi, UiPages pages)
    {
        this.messages = requireNonNull(messages, "messages is null");
        this.deliveries = requireNonNull(jdbi, "jdbi is null").onDemand(MessageDeliveryDao.class);
        this.choices = jdbi.onDemand(PlanChoicesDao.class);
        this.pages = requireNonNull(pages, "pages is null");
    }

    @GET
    public MessagesView list(
            @QueryParam("application") String application,
            @QueryParam("priority") String priority,
            @QueryParam("active") String active,
            @QueryParam("batch") String batch,
            @QueryParam("incident") String incident,
            @QueryParam("target") String target,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @Context ContainerRequestContext request)
    {
        PageContext context = pages.context(request, "messages");
        MessageFilter filter = MessageFilter.of(application, priority, active, batch, incident, target, from, to);
        List<Map<String, Object>> rows;
        String error = null;
        try {
            rows = messages.search(filter.searchParameters(context.zone(), LIMIT));
        }
        catch (IrisException e) {
            // A filter the search refuses (an incident id that is no number) is shown, not a 400 page.
            rows = List.of();
            error = Redirects.describe(e);
        }
        return new MessagesView(context, filter, rows, LIMIT, choices.applications(), choices.priorities(), error);
    }

    @GET
    @Path("{id: [0-9]+}")
    public MessageView message(@PathParam("id") long id, @Context ContainerRequestContext request)
    {
        Map<String, Object> message = messages.get(id).orElseThrow(() -> new NotFoundException("No message " + id));
        return new MessageView(pages.context(request, "messages"), message, deliveries.delivery(id).orElse(null), messages.auditLog(id));
    }
}
