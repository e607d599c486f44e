package dev.iris.api.webhook;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * What a webhook notification did: {@code created} an incident, {@code deduplicated} it into the
 * open incident, {@code resolved} that incident, or {@code ignored} it (nothing open to resolve,
 * or a state that needs no action).
 *
 * <p>The answer keeps Iris's shape, which its clients know: the bare incident id as the body and
 * {@code Location: /incidents/<id>}, with 201 when an incident was created. What deduplication
 * adds goes where Iris clients do not look: 200 instead of 201, and the action in the
 * {@value #ACTION_HEADER} header. An ignored notification names no incident: 200 with
 * {@code null}.
 */
public record WebhookResult(Long incidentId, String action)
{
    public static final String ACTION_HEADER = "X-IRIS-WEBHOOK-ACTION";

    public boolean created()
    {
        return "created".equals(action);
    }

    public Response toResponse()
    {
        Response.ResponseBuilder response = Response.status(created() ? Response.Status.CREATED : Response.Status.OK)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(ACTION_HEADER, action);
        if (incidentId == null) {
            return response.entity("null").build();
        }
        return response.header("Location", "/incidents/" + incidentId)
                .entity(String.valueOf(incidentId))
                .build();
    }
}
