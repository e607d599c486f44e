package dev.iris.api.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.api.auth.Caller;
import dev.iris.api.auth.OwnAuthentication;
import dev.iris.common.http.IrisException;
import dev.iris.core.query.SearchParameters;
import dev.iris.core.template.JinjaTemplates;
import dev.iris.core.template.TemplateService;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * {@code /templates}: list, one version with its editor, publishing a new version (through
 * {@link TemplateService}, with the API's checks), activating a version, and the live preview.
 */
@Path("/templates")
@OwnAuthentication
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class TemplatesResource
{
    private static final Pattern REMOVE = Pattern.compile("remove-(\\d{1,3})");

    private final TemplateService templates;
    private final JinjaTemplates jinja;
    private final PlanChoicesDao choices;
    private final IncidentSummaries contexts;
    private final ObjectMapper objectMapper;
    private final UiPages pages;

    @Inject
    public TemplatesResource(TemplateService templates, JinjaTemplates jinja, Jdbi jdbi, IncidentSummaries contexts, ObjectMapper objectMapper, UiPages pages)
    {
        this.templates = requireNonNull(templates, "templates is null");
        this.jinja = requireNonNull(jinja, "jinja is null");
        this.choices = requireNonNull(jdbi, "jdbi is null").onDemand(PlanChoicesDao.class);
        this.contexts = requireNonNull(contexts, "contexts is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
        this.pages = requireNonNull(pages, "pages is null");
    }

    @GET
    public PageView list(@QueryParam("q") String query, @Context ContainerRequestContext request)
    {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (query != null && !query.isBlank()) {
            parameters.put("name__contains", List.of(query.strip()));
        }
        parameters.put("active", List.of("1"));
        parameters.put("limit", List.of("200"));
        return new TemplateViews.ListView(pages.context(request, "templates"), query == null ? "" : query, templates.search(SearchParameters.of(parameters)));
    }

    @GET
    @Path("new")
    public PageView newTemplate(@Context ContainerRequestContext request)
    {
        return editor(request, new TemplateDraft("", List.of()), null, null, null);
    }

    @GET
    @Path("{template}")
    public PageView template(
            @PathParam("template") String idOrName,
            @QueryParam("message") String message,
            @QueryParam("error") String error,
            @Context ContainerRequestContext request)
    {
        Map<String, Object> template = templates.get(idOrName).orElseThrow(() -> new NotFoundException("No template " + idOrName));
        return editor(request, TemplateDraft.fromTemplate(objectMapper.valueToTree(template)), template, message, error);
    }

    @POST
    @Path("editor")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response editorAction(MultivaluedMap<String, String> form, @Auth Caller caller, @Context ContainerRequestContext request)
    {
        TemplateDraft draft = TemplateDraft.fromForm(form);
        String action = form.getFirst("action") == null ? "publish" : form.getFirst("action");
        Matcher remove = REMOVE.matcher(action);
        if (action.equals("add")) {
            return Response.ok(editor(request, draft.withContent(form.getFirst("newApplication"), form.getFirst("newMode")), null, null, null)).build();
        }
        if (remove.matches()) {
            return Response.ok(editor(request, draft.withoutContent(Integer.parseInt(remove.group(1))), null, null, null)).build();
        }
        try {
            long id = templates.create(draft.toRequest(objectMapper, caller.requireUsername()), caller::mayActAs);
            return Redirects.withFlash("/templates/" + id, "message", "Published version " + id);
        }
        catch (IrisException e) {
            return Response.status(e.status()).entity(editor(request, draft, null, null, Redirects.describe(e))).build();
        }
    }

    @POST
    @Path("{id: [0-9]+}/activate")
    public Response activate(@PathParam("id") long id)
    {
        try {
            templates.setActive(id, true);
            return Redirects.withFlash("/templates/" + id, "message", "This version is now active");
        }
        catch (IrisException e) {
            return Redirects.withFlash("/templates/" + id, "error", Redirects.describe(e));
        }
    }

    /**
     * Renders one row of the editor (the {@code row} field picks it) with its application's sample
     * context plus a sample {@code iris} block, as the sender would.
     */
    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public PageView preview(MultivaluedMap<String, String> form, @Context ContainerRequestContext request)
    {
        String row = Optional.ofNullable(form.getFirst("row")).orElse("0");
        String application = Optional.ofNullable(form.getFirst("content." + row + ".application")).orElse("");
        String subject = Optional.ofNullable(form.getFirst("content." + row + ".subject")).orElse("");
        String body = Optional.ofNullable(form.getFirst("content." + row + ".body")).orElse("");
        Map<String, Object> context = new LinkedHashMap<>(contexts.context(choices.sampleContext(application).orElse("")));
        context.put("iris", sampleIrisBlock(application, form.getFirst("name")));
        List<String> errors = new ArrayList<>();
        jinja.syntaxError(subject).ifPresent(error -> errors.add("Subject: " + error));
        jinja.syntaxError(body).ifPresent(error -> errors.add("Body: " + error));
        String renderedSubject = "";
        String renderedBody = "";
        if (errors.isEmpty()) {
            JinjaTemplates.Rendered subjectResult = jinja.render(subject, context);
            JinjaTemplates.Rendered bodyResult = jinja.render(body, context);
            subjectResult.error().ifPresent(error -> errors.add("Subject: " + error));
            bodyResult.error().ifPresent(error -> errors.add("Body: " + error));
            renderedSubject = subjectResult.output();
            renderedBody = bodyResult.output();
        }
        return new TemplateViews.PreviewView(pages.context(request, "templates"), renderedSubject, renderedBody, errors);
    }

    private static Map<String, Object> sampleIrisBlock(String application, String template)
    {
        Map<String, Object> iris = new LinkedHashMap<>();
        iris.put("incident_id", 123);
        iris.put("message_id", 456);
        iris.put("target", "someone");
        iris.put("priority", "high");
        iris.put("application", application);
        iris.put("plan", "sample-plan");
        iris.put("plan_id", 12);
        iris.put("template", template == null ? "" : template);
        return iris;
    }

    private TemplateViews.EditorView editor(ContainerRequestContext request, TemplateDraft draft, Map<String, Object> template, String message, String error)
    {
        List<Map<String, Object>> versions = template == null
                ? List.of()
                : templates.search(SearchParameters.of(Map.of("name", List.of(String.valueOf(template.get("name"))), "limit", List.of("50"))));
        return new TemplateViews.EditorView(pages.context(request, "templates"), draft, template, versions, choices.applications(), choices.modes(), message, error);
    }
}
