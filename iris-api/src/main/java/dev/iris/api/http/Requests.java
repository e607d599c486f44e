package dev.iris.api.http;

import dev.iris.common.http.IrisException;
import dev.iris.core.query.SearchParameters;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Small helpers the v0 resources share.
 */
public final class Requests
{
    private Requests() {}

    public static SearchParameters searchParameters(UriInfo uriInfo)
    {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        uriInfo.getQueryParameters(true).forEach(parameters::put);
        return SearchParameters.of(parameters);
    }

    /**
     * A path id that must be an integer; 400 with {@code title} otherwise.
     */
    public static long integerId(String value, String title)
    {
        try {
            return Long.parseLong(value.trim());
        }
        catch (NumberFormatException e) {
            throw IrisException.badRequest(title);
        }
    }

    /**
     * Iris's bare 404 (Falcon's HTTPNotFound without a title has an empty body, and Iris's e2e
     * suite checks that).
     */
    public static Response emptyNotFound()
    {
        // An empty entity rather than none: with none, Jetty writes its HTML error page.
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE).entity("").build();
    }

    /**
     * 200 with the item as JSON, or Iris's bare 404 when there is none.
     */
    public static Response okOrEmptyNotFound(Optional<?> item)
    {
        return item.map(value -> Response.ok(value).build()).orElseGet(Requests::emptyNotFound);
    }

    /**
     * 201 with the new id as the JSON body and Iris's relative {@code Location}.
     */
    public static Response created(String collection, long id)
    {
        return Response.status(Response.Status.CREATED)
                .header("Location", "/" + collection + "/" + id)
                .entity(id)
                .build();
    }
}
