package dev.iris.api.message;

import dev.iris.api.auth.PublicRead;
import dev.iris.api.http.Requests;
import dev.iris.core.message.MessageQueries;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code /v0/messages}: search, one message, its audit log.
 */
@Path("/v0/messages")
@PublicRead
@Produces(MediaType.APPLICATION_JSON)
public final class MessageResource
{
    private static final String INVALID_ID = "Invalid message id";

    private final MessageQueries messages;

    @Inject
    public MessageResource(MessageQueries messages)
    {
        this.messages = requireNonNull(messages, "messages is null");
    }

    @GET
    public List<Map<String, Object>> search(@Context UriInfo uriInfo)
    {
        return messages.search(Requests.searchParameters(uriInfo));
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id)
    {
        return Requests.okOrEmptyNotFound(messages.get(Requests.integerId(id, INVALID_ID)));
    }

    @GET
    @Path("/{id}/auditlog")
    public List<Map<String, Object>> auditLog(@PathParam("id") String id)
    {
        return messages.auditLog(Requests.integerId(id, INVALID_ID));
    }
}
