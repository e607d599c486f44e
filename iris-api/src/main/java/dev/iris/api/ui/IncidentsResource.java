package dev.iris.api.ui;

import dev.iris.api.auth.OwnAuthentication;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.jdbi.v3.core.Jdbi;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code /incidents}: the incident list with filters, refreshed in place every few seconds.
 */
@Path("/incidents")
@OwnAuthentication
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class IncidentsResource
{
    private static final int LIMIT = 200;

    private final IncidentListDao incidents;
    private final IncidentSummaries summaries;
    private final UiPages pages;
    private final IncidentPages incidentPages;

    @Inject
    public IncidentsResource(Jdbi jdbi, IncidentSummaries summaries, UiPages pages, IncidentPages incidentPages)
    {
        this.incidentPages = requireNonNull(incidentPages, "incidentPages is null");
        this.incidents = requireNonNull(jdbi, "jdbi is null").onDemand(IncidentListDao.class);
        this.summaries = requireNonNull(summaries, "summaries is null");
        this.pages = requireNonNull(pages, "pages is null");
    }

    @GET
    public IncidentsView list(
            @BeanParam IncidentFilterParams filter,
            @QueryParam("message") String message,
            @QueryParam("error") String error,
            @Context ContainerRequestContext request)
    {
        return view("incidents.ftlh", filter.filter(), message, error, request);
    }

    /**
     * Only the table, for htmx's polling.
     */
    @GET
    @Path("rows")
    public IncidentsView rows(@BeanParam IncidentFilterParams filter, @Context ContainerRequestContext request)
    {
        return view("incident-rows.ftlh", filter.filter(), null, null, request);
    }

    @GET
    @Path("{id: [0-9]+}")
    public IncidentView incident(
            @PathParam("id") long id,
            @QueryParam("message") String message,
            @QueryParam("error") String error,
            @Context ContainerRequestContext request)
    {
        return incidentPages.view(pages.context(request, "incidents"), id, message, error);
    }

    private IncidentsView view(String template, IncidentFilter filter, String message, String error, ContainerRequestContext request)
    {
        PageContext context = pages.context(request, "incidents");
        List<IncidentsView.Row> rows = incidents.search(filter.state(), filter.application(), filter.person(),
                        filter.fromInstant(context.zone()), filter.toInstant(context.zone()), LIMIT)
                .stream()
                .map(incident -> new IncidentsView.Row(incident, summaries.summary(incident)))
                .toList();
        return new IncidentsView(template, context, filter, rows, incidents.applicationNames(), message, error);
    }
}
