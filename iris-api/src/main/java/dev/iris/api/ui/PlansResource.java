package dev.iris.api.ui;

import dev.iris.api.simulate.PlanSimulator;
import dev.iris.api.simulate.Simulation;
import dev.iris.common.document.DocumentDiff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.api.auth.Caller;
import dev.iris.api.auth.OwnAuthentication;
import dev.iris.common.http.IrisException;
import dev.iris.core.incident.IncidentService;
import dev.iris.core.plan.PlanService;
import dev.iris.core.query.SearchParameters;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * {@code /plans}: list and search, one version, the editor (publishing a new version), YAML export
 * and import, activating an older version, and a test incident. Every change goes through
 * {@link PlanService}, so the checks and error texts are the API's.
 */
@Path("/plans")
@OwnAuthentication
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class PlansResource
{
    private static final Pattern REMOVE = Pattern.compile("remove-(\\d{1,3})-(\\d{1,3})");
    private static final Pattern ADD_NOTIFICATION = Pattern.compile("add-notification-(\\d{1,3})");

    private final PlanService plans;
    private final IncidentService incidents;
    private final PlanChoicesDao choices;
    private final ObjectMapper objectMapper;
    private final PlanYaml yaml = new PlanYaml();
    private final UiPages pages;
    private final PlanSimulator simulator;

    @Inject
    public PlansResource(PlanService plans, IncidentService incidents, Jdbi jdbi, ObjectMapper objectMapper, UiPages pages, PlanSimulator simulator)
    {
        this.simulator = requireNonNull(simulator, "simulator is null");
        this.plans = requireNonNull(plans, "plans is null");
        this.incidents = requireNonNull(incidents, "incidents is null");
        this.choices = requireNonNull(jdbi, "jdbi is null").onDemand(PlanChoicesDao.class);
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
        this.pages = requireNonNull(pages, "pages is null");
    }

    @GET
    public PageView list(@QueryParam("q") String query, @QueryParam("all") String all, @Context ContainerRequestContext request)
    {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (query != null && !query.isBlank()) {
            parameters.put("name__contains", List.of(query.strip()));
        }
        boolean includeInactive = "1".equals(all);
        if (!includeInactive) {
            parameters.put("active", List.of("1"));
        }
        parameters.put("limit", List.of("200"));
        return new PlanViews.ListView(pages.context(request, "plans"), query == null ? "" : query, includeInactive,
                plans.search(SearchParameters.of(parameters)));
    }

    @GET
    @Path("new")
    public PageView newPlan(@Context ContainerRequestContext request)
    {
        return editor(request, PlanDraft.empty(), true, null, null);
    }

    @GET
    @Path("import")
    public PageView importForm(@Context ContainerRequestContext request)
    {
        return new PlanViews.ImportView(pages.context(request, "plans"), "", null);
    }

    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response importYaml(@FormParam("yaml") String text, @FormParam("confirm") String confirm, @Auth Caller caller,
            @Context ContainerRequestContext request)
    {
        try {
            ObjectNode body = yaml.toRequest(text, caller.requireUsername());
            String name = body.path("name").asText("");
            Optional<Map<String, Object>> active = name.isEmpty() ? Optional.empty() : plans.get(name);
            if (active.isPresent()) {
                // Compare what would be stored: both sides through the same export.
                List<String> diff = DocumentDiff.diff(name, yaml.export(objectMapper.valueToTree(active.get())), yaml.export(body));
                long activeId = ((Number) active.get().get("id")).longValue();
                if (diff.isEmpty()) {
                    return Redirects.withFlash("/plans/" + activeId, "message",
                            "Identical to the active version " + choices.versionNumber(activeId) + "; nothing was imported");
                }
                if (!"1".equals(confirm)) {
                    plans.validate(body, caller::mayActAs);
                    return Response.ok(new PlanViews.ImportView(pages.context(request, "plans"), text, null, diff)).build();
                }
            }
            long id = plans.create(body, caller::mayActAs);
            return Redirects.withFlash("/plans/" + id, "message", "Imported as version " + choices.versionNumber(id));
        }
        catch (IrisException e) {
            return Response.status(e.status())
                    .entity(new PlanViews.ImportView(pages.context(request, "plans"), text == null ? "" : text, Redirects.describe(e)))
                    .build();
        }
    }

    @GET
    @Path("{plan}")
    public PageView plan(
            @PathParam("plan") String idOrName,
            @QueryParam("message") String message,
            @QueryParam("error") String error,
            @QueryParam("at") String at,
            @QueryParam("application") String application,
            @Context ContainerRequestContext request)
    {
        PageContext context = pages.context(request, "plans");
        Map<String, Object> plan = find(idOrName);
        String name = String.valueOf(plan.get("name"));
        List<Map<String, Object>> versions = plans.search(SearchParameters.of(Map.of("name", List.of(name), "limit", List.of("50"))));
        boolean active = "1".equals(String.valueOf(plan.get("active"))) || Boolean.TRUE.equals(plan.get("active"));
        SimulationForm simulation = simulation(context, at, application, start -> {
            if (!active) {
                throw IrisException.badRequest("Not the active version", "The simulation shows the active version of " + name);
            }
            return simulator.simulate(name, start.application(), start.instant(), List.of());
        });
        return new PlanViews.PlanView(context, plan, versions, choices.versionNumbers(name), yaml.export(objectMapper.valueToTree(plan)),
                choices.applications(), simulation, message, error);
    }

    /**
     * When and for which application a simulation starts.
     */
    private record SimulationStart(Instant instant, String application) {}

    private interface Simulate
    {
        Simulation run(SimulationStart start);
    }

    private SimulationForm simulation(PageContext context, String at, String application, Simulate simulate)
    {
        List<String> applications = choices.applications();
        Instant start = SimulationForm.start(at, context.zone());
        String chosen = application != null && applications.contains(application) ? application : applications.isEmpty() ? null : applications.get(0);
        if (chosen == null) {
            return new SimulationForm(SimulationForm.formValue(start, context.zone()), null, applications, null, "There are no applications to simulate for");
        }
        try {
            return new SimulationForm(SimulationForm.formValue(start, context.zone()), chosen, applications, simulate.run(new SimulationStart(start, chosen)), null);
        }
        catch (IrisException e) {
            return new SimulationForm(SimulationForm.formValue(start, context.zone()), chosen, applications, null, Redirects.describe(e));
        }
    }

    @GET
    @Path("{plan}/yaml")
    @Produces("application/yaml; charset=UTF-8")
    public Response exportYaml(@PathParam("plan") String idOrName)
    {
        Map<String, Object> plan = find(idOrName);
        String fileName = String.valueOf(plan.get("name")).replaceAll("[^A-Za-z0-9._-]", "_") + ".yaml";
        return Response.ok(yaml.export(objectMapper.valueToTree(plan)))
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .build();
    }

    @GET
    @Path("{plan}/edit")
    public PageView edit(@PathParam("plan") String idOrName, @Context ContainerRequestContext request)
    {
        return editor(request, PlanDraft.fromPlan(objectMapper.valueToTree(find(idOrName))), false, null, null);
    }

    /**
     * Every editor button posts the whole form here: add or remove rows (and show the editor
     * again), or publish.
     */
    @POST
    @Path("editor")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response editorAction(MultivaluedMap<String, String> form, @Auth Caller caller, @Context ContainerRequestContext request)
    {
        PlanDraft draft = PlanDraft.fromForm(form);
        boolean creating = "1".equals(form.getFirst("creating"));
        String action = form.getFirst("action") == null ? "publish" : form.getFirst("action");
        Matcher remove = REMOVE.matcher(action);
        Matcher addNotification = ADD_NOTIFICATION.matcher(action);
        if (action.equals("add-step")) {
            return Response.ok(editor(request, draft.withStepAdded(), creating, null, null)).build();
        }
        if (addNotification.matches()) {
            return Response.ok(editor(request, draft.withNotificationAdded(Integer.parseInt(addNotification.group(1))), creating, null, null)).build();
        }
        if (remove.matches()) {
            return Response.ok(editor(request, draft.withNotificationRemoved(Integer.parseInt(remove.group(1)), Integer.parseInt(remove.group(2))), creating, null, null)).build();
        }
        if (action.equals("simulate")) {
            // The draft is written as the active version in a transaction that is rolled back.
            PageContext context = pages.context(request, "plans");
            SimulationForm simulation = simulation(context, form.getFirst("at"), form.getFirst("application"), start -> plans.preview(
                    draft.toRequest(objectMapper, caller.requireUsername()), caller::mayActAs,
                    handle -> simulator.simulate(handle, draft.name(), start.application(), start.instant(), List.of())));
            return Response.ok(editor(request, draft, creating, simulation, null)).build();
        }
        try {
            if (creating && plans.nameTaken(draft.name())) {
                throw IrisException.badRequest("Plan name taken",
                        "A plan named " + draft.name() + " already exists: open it and choose \"Edit as a new version\" to change it");
            }
            long id = plans.create(draft.toRequest(objectMapper, caller.requireUsername()), caller::mayActAs);
            return Redirects.withFlash("/plans/" + id, "message", "Published version " + choices.versionNumber(id));
        }
        catch (IrisException e) {
            return Response.status(e.status()).entity(editor(request, draft, creating, null, Redirects.describe(e))).build();
        }
    }

    @POST
    @Path("{id: [0-9]+}/activate")
    public Response activate(@PathParam("id") long id)
    {
        try {
            plans.setActive(id, true);
            return Redirects.withFlash("/plans/" + id, "message", "This version is now active");
        }
        catch (IrisException e) {
            return Redirects.withFlash("/plans/" + id, "error", Redirects.describe(e));
        }
    }

    /**
     * Iris's "test plan": an incident of the chosen application on this plan's name, with the
     * application's sample context.
     */
    @POST
    @Path("{id: [0-9]+}/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response test(@PathParam("id") long id, @FormParam("application") String application)
    {
        Map<String, Object> plan = find(String.valueOf(id));
        try {
            JsonNode context = sampleContext(application);
            long incident = incidents.create(application, String.valueOf(plan.get("name")), context, List.of(), null).incidentId();
            return Redirects.withFlash("/incidents/" + incident, "message", "Test incident opened");
        }
        catch (IrisException e) {
            return Redirects.withFlash("/plans/" + id, "error", Redirects.describe(e));
        }
    }

    private JsonNode sampleContext(String application)
    {
        String sample = choices.sampleContext(application == null ? "" : application)
                .orElseThrow(() -> IrisException.badRequest("Invalid application", "No application named " + application));
        if (sample.isBlank()) {
            return objectMapper.createObjectNode();
        }
        try {
            return objectMapper.readTree(sample);
        }
        catch (IOException e) {
            throw IrisException.badRequest("Invalid sample context", "The sample context of " + application + " is not JSON");
        }
    }

    private Map<String, Object> find(String idOrName)
    {
        return plans.get(idOrName).orElseThrow(() -> new NotFoundException("No plan " + idOrName));
    }

    private PlanViews.EditorView editor(ContainerRequestContext request, PlanDraft draft, boolean creating, SimulationForm simulation, String error)
    {
        PageContext context = pages.context(request, "plans");
        SimulationForm shown = simulation != null ? simulation
                : new SimulationForm(SimulationForm.formValue(SimulationForm.start(null, context.zone()), context.zone()), null, choices.applications(), null, null);
        return new PlanViews.EditorView(context, draft, creating, choices.roles(), choices.priorities(), choices.activeTemplates(), shown, error);
    }
}
