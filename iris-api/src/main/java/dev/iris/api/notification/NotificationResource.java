package dev.iris.api.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.api.auth.Caller;
import dev.iris.core.message.NotificationService;
import dev.iris.core.request.JsonBody;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code POST /v0/notifications}: out-of-band messages, queued as durable rows for the sender.
 */
@Path("/v0/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class NotificationResource
{
    private final NotificationService notifications;
    private final ObjectMapper objectMapper;

    @Inject
    public NotificationResource(NotificationService notifications, ObjectMapper objectMapper)
    {
        this.notifications = requireNonNull(notifications, "notifications is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
    }

    @POST
    public List<Object> send(@Auth Caller caller, String body)
    {
        notifications.send(caller.requireApplication().name(), JsonBody.parseObject(objectMapper, body));
        return List.of();
    }
}
