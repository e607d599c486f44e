package dev.iris.api.ui;

import dev.iris.api.auth.Caller;
import dev.iris.api.auth.OwnAuthentication;
import dev.iris.core.application.ApplicationService;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import static java.util.Objects.requireNonNull;

/**
 * The application page's quota forms: set or remove the quota through the same
 * {@link ApplicationService} calls and checks as {@code POST/DELETE /v0/applications/{app}/quota}.
 */
@Path("/applications/{application}/quota")
@OwnAuthentication
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class ApplicationQuotaResource
{
    private final ApplicationService applications;
    private final ApplicationEdits edits;

    @Inject
    public ApplicationQuotaResource(ApplicationService applications, ApplicationEdits edits)
    {
        this.applications = requireNonNull(applications, "applications is null");
        this.edits = requireNonNull(edits, "edits is null");
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response set(@PathParam("application") String name, MultivaluedMap<String, String> form, @Auth Caller caller)
    {
        return edits.act(name, caller, "Quota saved", () -> applications.setQuota(name, ApplicationEdits.actor(caller), QuotaForm.parse(form)));
    }

    @POST
    @Path("delete")
    public Response delete(@PathParam("application") String name, @Auth Caller caller)
    {
        return edits.act(name, caller, "Quota removed", () -> applications.deleteQuota(name, ApplicationEdits.actor(caller)));
    }
}
