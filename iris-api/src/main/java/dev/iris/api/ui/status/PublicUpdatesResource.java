package dev.iris.api.ui.status;

import dev.iris.api.auth.Caller;
import dev.iris.api.auth.OwnAuthentication;
import dev.iris.api.ui.ErrorPage;
import dev.iris.api.ui.PageContext;
import dev.iris.api.ui.PageView;
import dev.iris.api.ui.Redirects;
import dev.iris.api.ui.UiPage;
import dev.iris.api.ui.UiPages;
import dev.iris.common.http.IrisException;
import dev.iris.core.status.StatusAdmin;
import dev.iris.core.status.StatusBoard;
import dev.iris.core.status.StatusDao;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
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

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code /incidents/{id}/public-updates}: an incident's public updates (what the status page
 * shows of it) and the form to post one; the incident page carries the same form, and the
 * status page's reminder links here.
 */
@Path("/incidents/{id: [0-9]+}/public-updates")
@OwnAuthentication
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class PublicUpdatesResource
{
    private final StatusAdmin admin;
    private final StatusBoard board;
    private final StatusDao dao;
    private final UiPages pages;

    @Inject
    public PublicUpdatesResource(StatusAdmin admin, StatusBoard board, Jdbi jdbi, UiPages pages)
    {
        this.admin = requireNonNull(admin, "admin is null");
        this.board = requireNonNull(board, "board is null");
        this.dao = requireNonNull(jdbi, "jdbi is null").onDemand(StatusDao.class);
        this.pages = requireNonNull(pages, "pages is null");
    }

    @GET
    public Response page(@Context ContainerRequestContext request, @PathParam("id") long id, @QueryParam("message") String message,
            @QueryParam("error") String error)
    {
        PageContext context = pages.context(request, "incidents");
        if (!dao.incidentExists(id)) {
            return ErrorPage.of(context, IrisException.notFound("Incident not found", "No incident " + id));
        }
        String title = dao.statusIncident(id).map(StatusDao.StatusIncidentRow::title).orElse(null);
        return Response.ok(new PublicUpdatesView(context, id, title, dao.updates(List.of(id)), board.componentsOf(id), message, error)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post(@Auth Caller caller, @PathParam("id") long id, @FormParam("status") String status, @FormParam("title") String title,
            @FormParam("text") String text, @FormParam("back") String back)
    {
        String target = back == null ? "/incidents/" + id + "/public-updates" : Redirects.safeNext(back);
        try {
            admin.postUpdate(id, caller.requireUsername(), status, text, title);
            return Redirects.withFlash(target, "message", "Public update posted: it shows on the status page now");
        }
        catch (IrisException e) {
            return Redirects.withFlash(target, "error", Redirects.describe(e));
        }
    }

    public static final class PublicUpdatesView
            extends PageView
    {
        private final long incidentId;
        private final String publicTitle;
        private final List<StatusDao.UpdateRow> updates;
        private final List<String> components;
        private final String message;
        private final String error;

        PublicUpdatesView(PageContext context, long incidentId, String publicTitle, List<StatusDao.UpdateRow> updates, List<String> components,
                String message, String error)
        {
            super("status/public-updates.ftlh", context, "Public updates of incident " + incidentId);
            this.incidentId = incidentId;
            this.publicTitle = publicTitle;
            this.updates = updates;
            this.components = components;
            this.message = message;
            this.error = error;
        }

        public long getIncidentId()
        {
            return incidentId;
        }

        public String getPublicTitle()
        {
            return publicTitle;
        }

        public List<StatusDao.UpdateRow> getUpdates()
        {
            return updates;
        }

        public List<String> getComponents()
        {
            return components;
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
