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
import dev.iris.core.status.ComponentState;
import dev.iris.core.status.ComputedState;
import dev.iris.core.status.StatusAdmin;
import dev.iris.core.status.StatusBoard;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * {@code /components}: the status page's components, their feeds and states. Admins define
 * components and feeds; any user may override a state with a reason (as through the API). Plain
 * forms answered with a redirect and a flash, so everything works without JavaScript.
 */
@Path("/components")
@OwnAuthentication
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class ComponentPagesResource
{
    private static final String LIST = "/components";

    private final StatusBoard board;
    private final StatusAdmin admin;
    private final UiPages pages;
    private final Clock clock;

    @Inject
    public ComponentPagesResource(StatusBoard board, StatusAdmin admin, UiPages pages, Clock clock)
    {
        this.board = requireNonNull(board, "board is null");
        this.admin = requireNonNull(admin, "admin is null");
        this.pages = requireNonNull(pages, "pages is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @GET
    public ComponentsView list(@Context ContainerRequestContext request, @QueryParam("message") String message, @QueryParam("error") String error)
    {
        return new ComponentsView(pages.context(request, "status"), board.current(clock.instant()), message, error);
    }

    @GET
    @Path("{id}")
    public Response component(@Context ContainerRequestContext request, @PathParam("id") String id, @QueryParam("message") String message,
            @QueryParam("error") String error)
    {
        PageContext context = pages.context(request, "status");
        return board.current(clock.instant()).stream()
                .filter(state -> String.valueOf(state.component().id()).equals(id))
                .findFirst()
                .map(state -> Response.ok(new ComponentView(context, state, message, error)).build())
                .orElseGet(() -> ErrorPage.of(context, IrisException.notFound("Component not found", "No component " + id)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@Auth Caller caller, @FormParam("name") String name, @FormParam("description") String description,
            @FormParam("display_order") String order, @FormParam("feeds") String feeds)
    {
        return adminOnly(caller, LIST, () -> {
            int id = admin.createComponent(input(name, description, order, feeds));
            return Redirects.withFlash(page(id), "message", "Component " + name.strip() + " created");
        });
    }

    @POST
    @Path("{id: [0-9]+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@Auth Caller caller, @PathParam("id") int id, @FormParam("name") String name,
            @FormParam("description") String description, @FormParam("display_order") String order, @FormParam("feeds") String feeds)
    {
        return adminOnly(caller, page(id), () -> {
            admin.updateComponent(id, input(name, description, order, feeds));
            return Redirects.withFlash(page(id), "message", "Saved");
        });
    }

    @POST
    @Path("{id: [0-9]+}/delete")
    public Response delete(@Auth Caller caller, @PathParam("id") int id)
    {
        return adminOnly(caller, page(id), () -> {
            admin.deleteComponent(id);
            return Redirects.withFlash(LIST, "message", "Component deleted");
        });
    }

    @POST
    @Path("{id: [0-9]+}/override")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response override(@Auth Caller caller, @PathParam("id") int id, @FormParam("state") String state, @FormParam("reason") String reason,
            @FormParam("minutes") String minutes)
    {
        return act(page(id), () -> {
            Instant until = minutes == null || minutes.isBlank() ? null : clock.instant().plus(Duration.ofMinutes(positive("minutes", minutes)));
            admin.override(id, state, reason, caller.requireUsername(), until);
            return Redirects.withFlash(page(id), "message", "State overridden");
        });
    }

    @POST
    @Path("{id: [0-9]+}/override/clear")
    public Response clearOverride(@Auth Caller caller, @PathParam("id") int id)
    {
        return act(page(id), () -> {
            caller.requireUsername();
            admin.clearOverride(id);
            return Redirects.withFlash(page(id), "message", "Override removed: the state follows the incidents again");
        });
    }

    private static StatusAdmin.ComponentInput input(String name, String description, String order, String feeds)
    {
        int displayOrder = order == null || order.isBlank() ? 0 : integer("display order", order);
        List<String> lines = feeds == null ? List.of() : Arrays.stream(feeds.split("[\\r\\n]+")).map(String::strip).filter(line -> !line.isEmpty()).toList();
        return new StatusAdmin.ComponentInput(name, description, displayOrder, lines);
    }

    private static int integer(String what, String text)
    {
        try {
            return Integer.parseInt(text.strip());
        }
        catch (NumberFormatException e) {
            throw IrisException.badRequest("Invalid " + what, what + " must be a whole number");
        }
    }

    private static int positive(String what, String text)
    {
        int value = integer(what, text);
        if (value <= 0 || value > 60 * 24 * 366) {
            throw IrisException.badRequest("Invalid " + what, what + " must be between 1 and " + 60 * 24 * 366);
        }
        return value;
    }

    private static Response adminOnly(Caller caller, String back, Supplier<Response> action)
    {
        if (!caller.admin()) {
            return Redirects.withFlash(back, "error", "Only Iris admins define status page components");
        }
        return act(back, action);
    }

    private static Response act(String back, Supplier<Response> action)
    {
        try {
            return action.get();
        }
        catch (IrisException e) {
            return Redirects.withFlash(back, "error", Redirects.describe(e));
        }
    }

    static String page(int id)
    {
        return "/components/" + id;
    }

    /**
     * A row of the list (flat: a component's {@code feeds} accessor is overloaded, which templates cannot call).
     */
    public record Row(int id, String name, ComponentState shown, String overrideReason, List<String> feeds, List<Long> incidents)
    {
        static Row of(ComputedState state)
        {
            return new Row(state.component().id(), state.component().name(), state.shown(),
                    state.override().map(dev.iris.core.status.ComponentOverride::reason).orElse(null),
                    state.component().feeds().stream().map(Object::toString).toList(), state.incidentIds());
        }
    }

    public static final class ComponentsView
            extends PageView
    {
        private final List<Row> components;
        private final String message;
        private final String error;

        ComponentsView(PageContext context, List<ComputedState> components, String message, String error)
        {
            super("status/components.ftlh", context, "Status page components");
            this.components = components.stream().map(Row::of).toList();
            this.message = message;
            this.error = error;
        }

        public List<Row> getComponents()
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

    public static final class ComponentView
            extends PageView
    {
        private final ComputedState state;
        private final String message;
        private final String error;

        ComponentView(PageContext context, ComputedState state, String message, String error)
        {
            super("status/component.ftlh", context, "Component " + state.component().name());
            this.state = state;
            this.message = message;
            this.error = error;
        }

        public ComputedState getState()
        {
            return state;
        }

        public String getFeeds()
        {
            return String.join("\n", state.component().feeds().stream().map(Object::toString).toList());
        }

        public List<ComponentState> getStates()
        {
            return List.of(ComponentState.values());
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
