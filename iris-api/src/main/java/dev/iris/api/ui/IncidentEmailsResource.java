package dev.iris.api.ui;

import dev.iris.api.auth.Caller;
import dev.iris.api.auth.OwnAuthentication;
import dev.iris.common.http.IrisException;
import dev.iris.core.application.ApplicationService;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The application page's "e-mail addresses that open incidents" forms. Iris replaces the whole
 * map at once ({@code PUT /v0/applications/{app}/incident_emails}), so adding or removing one
 * address edits the current map and hands all of it to the same {@link ApplicationService} call,
 * with the same checks.
 */
@Path("/applications/{application}/incident-emails")
@OwnAuthentication
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class IncidentEmailsResource
{
    private final ApplicationService applications;
    private final ApplicationEdits edits;

    @Inject
    public IncidentEmailsResource(ApplicationService applications, ApplicationEdits edits)
    {
        this.applications = requireNonNull(applications, "applications is null");
        this.edits = requireNonNull(edits, "edits is null");
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@PathParam("application") String name, @FormParam("email") String email, @FormParam("plan") String plan, @Auth Caller caller)
    {
        String address = strip(email);
        return change(name, caller, address + " now opens incidents",
                emails -> emails.put(required(address, "an e-mail address"), required(strip(plan), "a plan")));
    }

    @POST
    @Path("delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("application") String name, @FormParam("email") String email, @Auth Caller caller)
    {
        String address = strip(email);
        return change(name, caller, address + " no longer opens incidents", emails -> emails.remove(address));
    }

    private Response change(String name, Caller caller, String done, Consumer<Map<String, String>> edit)
    {
        return edits.act(name, caller, done, () -> {
            Map<String, String> emails = applications.incidentEmails(name);
            edit.accept(emails);
            applications.setIncidentEmails(name, emails);
        });
    }

    private static String required(String value, String what)
    {
        if (value.isEmpty()) {
            throw IrisException.badRequest("Enter " + what);
        }
        return value;
    }

    private static String strip(String value)
    {
        return value == null ? "" : value.strip();
    }
}
