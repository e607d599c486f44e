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

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * {@code /incidents}: the incident list with filters, true counts and pages. It is drawn once; a
 * small banner polled every few seconds says how many incidents are new or changed, so rows never
 * move under the reader's pointer (a click always lands on the row it aimed at).
 */
@Path("/incidents")
@OwnAuthentication
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class IncidentsResource
{
    static final int PAGE_SIZE = 200;

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
            @BeanParam IncidentFilterParams params,
            @QueryParam("message") String message,
            @QueryParam("error") String error,
            @Context ContainerRequestContext request)
    {
        PageContext context = pages.context(request, "incidents");
        IncidentFilter filter = params.filter();
        IncidentListDao.Filter query = filter.query(context.zone());
        // Drawn-at is taken before reading, so a change racing the reads shows up in the banner.
        Instant drawnAt = Instant.now();
        List<IncidentRow> rows = incidents.search(query, PAGE_SIZE, (filter.page() - 1) * PAGE_SIZE);
        long total = incidents.count(query);
        long newestShown = filter.page() == 1
                ? rows.stream().mapToLong(IncidentRow::id).max().orElse(0)
                : Long.MAX_VALUE;
        return new IncidentsView(context, filter, groups(rows), total, PAGE_SIZE, incidents.stateCounts(query), newestShown, drawnAt,
                incidents.applicationNames(), message, error);
    }

    /**
     * The banner's content: how many incidents arrived after {@code newest} and how many the list
     * could show changed after {@code drawn} (epoch milliseconds).
     */
    @GET
    @Path("changes")
    public IncidentChangesView changes(
            @BeanParam IncidentFilterParams params,
            @QueryParam("newest") long newest,
            @QueryParam("drawn") long drawn,
            @Context ContainerRequestContext request)
    {
        PageContext context = pages.context(request, "incidents");
        IncidentFilter filter = params.filter();
        IncidentListDao.Changes changes = incidents.changesSince(filter.query(context.zone()), newest, Instant.ofEpochMilli(drawn));
        String reload = changes.newIncidents() > 0 ? "/incidents?" + filter.queryString() : filter.here();
        return new IncidentChangesView(context, changes, reload);
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

    /**
     * The rows in list order, except that the incidents one aggregated page covered are shown
     * together where the first of them stands, under a heading with the batch's size.
     */
    private List<IncidentsView.Group> groups(List<IncidentRow> rows)
    {
        List<String> batches = rows.stream().map(IncidentRow::batch).filter(Objects::nonNull).distinct().toList();
        Map<String, Long> sizes = batches.isEmpty() ? Map.of() : incidents.batchSizes(batches);
        Map<String, List<IncidentsView.Row>> byBatch = new HashMap<>();
        // Groups are added when they start and filled afterwards: their lists are the ones added to.
        List<IncidentsView.Group> groups = new ArrayList<>();
        List<IncidentsView.Row> plain = null;
        for (IncidentRow incident : rows) {
            IncidentsView.Row row = new IncidentsView.Row(incident, summaries.summary(incident));
            // A batch of one is an ordinary page, not a group.
            if (incident.batch() != null && sizes.getOrDefault(incident.batch(), 0L) > 1) {
                List<IncidentsView.Row> members = byBatch.get(incident.batch());
                if (members == null) {
                    members = new ArrayList<>();
                    byBatch.put(incident.batch(), members);
                    groups.add(new IncidentsView.Group(incident.batch(), sizes.get(incident.batch()), members));
                    plain = null;
                }
                members.add(row);
                continue;
            }
            if (plain == null) {
                plain = new ArrayList<>();
                groups.add(new IncidentsView.Group(null, 0, plain));
            }
            plain.add(row);
        }
        return groups;
    }
}
