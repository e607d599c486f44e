package dev.iris.api.ui;

import dev.iris.api.auth.OwnAuthentication;
import dev.iris.common.http.Html;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code /ui/typeahead/targets}: {@code <option>}s for a {@code <datalist>}, fetched by htmx as the
 * user types. htmx sends the input under its own name, so the prefix is whichever parameter is not
 * {@code type} or a role; {@code type} or a {@code *.role} parameter (a target type or role)
 * narrows the search.
 */
@Path("/ui/typeahead")
@OwnAuthentication
@UiPage
public final class TypeaheadResource
{
    private static final Map<String, String> ROLE_TYPES = Map.of(
            "user", "user", "team", "team", "manager", "team", "oncall-primary", "team", "oncall-secondary", "team",
            "oncall", "team", "mailing-list", "mailing-list");

    private final TypeaheadDao dao;

    @Inject
    public TypeaheadResource(Jdbi jdbi)
    {
        this.dao = requireNonNull(jdbi, "jdbi is null").onDemand(TypeaheadDao.class);
    }

    @GET
    @Path("targets")
    @Produces(MediaType.TEXT_HTML)
    public String targets(@Context UriInfo uriInfo)
    {
        MultivaluedMap<String, String> parameters = uriInfo.getQueryParameters();
        String type = null;
        String prefix = "";
        for (Map.Entry<String, List<String>> entry : parameters.entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            // The plan editor sends the notification's role select along with its target input.
            if (entry.getKey().equals("type") || entry.getKey().endsWith(".role")) {
                type = entry.getValue().get(0);
            }
            else if (prefix.isEmpty()) {
                prefix = entry.getValue().get(0).strip();
            }
        }
        if (prefix.isEmpty()) {
            return "";
        }
        List<String> names = dao.targets(type == null ? null : ROLE_TYPES.get(type), escapeLike(prefix));
        StringBuilder options = new StringBuilder();
        for (String name : names) {
            options.append("<option value=\"").append(Html.escape(name)).append("\"></option>");
        }
        return options.toString();
    }

    private static String escapeLike(String prefix)
    {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
