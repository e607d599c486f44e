package dev.iris.api.ui;

import dev.iris.api.auth.Caller;
import dev.iris.api.auth.OwnAuthentication;
import dev.iris.common.http.IrisException;
import dev.iris.core.maintenance.MaintenanceDao;
import dev.iris.core.maintenance.MaintenanceService;
import dev.iris.core.maintenance.MaintenanceWindow;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code /maintenance}: the maintenance windows (in effect, ahead, and with {@code ?all=1} ended)
 * with their timelines, a form to open one now or ahead, and "End now". Every change goes through
 * {@link MaintenanceService}, as the API's do.
 */
@Path("/maintenance")
@OwnAuthentication
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class MaintenancePageResource
{
    private final MaintenanceService maintenance;
    private final PlanChoicesDao choices;
    private final UiPages pages;
    private final Clock clock;

    @Inject
    public MaintenancePageResource(MaintenanceService maintenance, Jdbi jdbi, UiPages pages, Clock clock)
    {
        this.maintenance = requireNonNull(maintenance, "maintenance is null");
        this.choices = requireNonNull(jdbi, "jdbi is null").onDemand(PlanChoicesDao.class);
        this.pages = requireNonNull(pages, "pages is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * A window with its timeline, as the page lists it.
     */
    public record Entry(MaintenanceWindow window, String status, List<MaintenanceDao.Event> events) {}

    @GET
    public PageView list(
            @QueryParam("all") String all,
            @QueryParam("message") String message,
            @QueryParam("error") String error,
            @Context ContainerRequestContext request)
    {
        Instant now = clock.instant();
        List<Entry> windows = maintenance.list("1".equals(all)).stream()
                .map(window -> new Entry(window, window.status(now), maintenance.events(window.id())))
                .toList();
        return new MaintenanceView(pages.context(request, "maintenance"), windows, choices.applications(), choices.activePlans(), "1".equals(all),
                message, error);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response open(
            @FormParam("scope") String scope,
            @FormParam("name") String name,
            @FormParam("start") String start,
            @FormParam("minutes") String minutes,
            @FormParam("reason") String reason,
            @FormParam("stopPaging") String stopPaging,
            @FormParam("resumeAtEnd") String resumeAtEnd,
            @Auth Caller caller,
            @Context ContainerRequestContext request)
    {
        try {
            PageContext context = pages.context(request, "maintenance");
            Instant starts = start == null || start.isBlank() ? clock.instant() : SimulationForm.start(start, context.zone());
            long length = parseMinutes(minutes);
            boolean plan = "plan".equals(scope);
            String target = name == null || name.isBlank() ? null : name.strip();
            long id = maintenance.open(new MaintenanceService.Request(plan ? null : target, plan ? target : null, starts,
                    starts.plus(Duration.ofMinutes(length)), reason, "on".equals(stopPaging), "on".equals(resumeAtEnd)), caller.requireUsername());
            return Redirects.withFlash("/maintenance", "message", "Opened maintenance window " + id);
        }
        catch (IrisException e) {
            return Redirects.withFlash("/maintenance", "error", Redirects.describe(e));
        }
    }

    @POST
    @Path("{id: [0-9]+}/end")
    public Response end(@PathParam("id") long id, @Auth Caller caller)
    {
        try {
            maintenance.end(id, caller.requireUsername());
            return Redirects.withFlash("/maintenance", "message", "Ended maintenance window " + id);
        }
        catch (IrisException e) {
            return Redirects.withFlash("/maintenance", "error", Redirects.describe(e));
        }
    }

    private static long parseMinutes(String minutes)
    {
        try {
            return Long.parseLong(minutes == null ? "" : minutes.strip());
        }
        catch (NumberFormatException e) {
            throw IrisException.badRequest("Invalid maintenance window", "Choose how long it lasts");
        }
    }

    /**
     * The page.
     */
    public static final class MaintenanceView
            extends PageView
    {
        private final List<Entry> windows;
        private final List<String> applications;
        private final List<String> plans;
        private final boolean all;
        private final String message;
        private final String error;

        MaintenanceView(PageContext context, List<Entry> windows, List<String> applications, List<String> plans, boolean all, String message, String error)
        {
            super("maintenance.ftlh", context, "Maintenance");
            this.windows = windows;
            this.applications = applications;
            this.plans = plans;
            this.all = all;
            this.message = message;
            this.error = error;
        }

        public List<Entry> getWindows()
        {
            return windows;
        }

        public List<String> getApplications()
        {
            return applications;
        }

        public List<String> getPlans()
        {
            return plans;
        }

        public boolean isAll()
        {
            return all;
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
