package dev.iris.api.ui.postmortem;

import dev.iris.api.auth.Caller;
import dev.iris.api.auth.OwnAuthentication;
import dev.iris.api.ui.ErrorPage;
import dev.iris.api.ui.Markdown;
import dev.iris.api.ui.PageContext;
import dev.iris.api.ui.PageView;
import dev.iris.api.ui.Redirects;
import dev.iris.api.ui.UiPage;
import dev.iris.api.ui.UiPages;
import dev.iris.common.http.IrisException;
import dev.iris.core.postmortem.PostmortemDao;
import dev.iris.core.postmortem.PostmortemService;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code /postmortems}: drafts from incidents, the Markdown editor (every save a new version),
 * old versions, the {@code .md} download, and publishing on the status page.
 */
@Path("/postmortems")
@OwnAuthentication
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class PostmortemPagesResource
{
    private static final String LIST = "/postmortems";

    private final PostmortemService postmortems;
    private final UiPages pages;

    @Inject
    public PostmortemPagesResource(PostmortemService postmortems, UiPages pages)
    {
        this.postmortems = requireNonNull(postmortems, "postmortems is null");
        this.pages = requireNonNull(pages, "pages is null");
    }

    @GET
    public PostmortemsView list(@Context ContainerRequestContext request, @QueryParam("message") String message, @QueryParam("error") String error)
    {
        return new PostmortemsView(pages.context(request, "postmortems"), postmortems.list(), message, error);
    }

    /**
     * A draft from {@code incidents}: ids separated by commas or spaces.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response draft(@Auth Caller caller, @FormParam("incidents") String incidents, @FormParam("title") String title)
    {
        try {
            long id = postmortems.draft(incidentIds(incidents), title, caller.requireUsername());
            return Redirects.withFlash(page(id), "message", "Draft written from the incidents' timeline");
        }
        catch (IrisException e) {
            return Redirects.withFlash(LIST, "error", Redirects.describe(e));
        }
    }

    @GET
    @Path("{id}")
    public Response editor(@Context ContainerRequestContext request, @PathParam("id") String id, @QueryParam("version") String version,
            @QueryParam("message") String message, @QueryParam("error") String error)
    {
        PageContext context = pages.context(request, "postmortems");
        try {
            PostmortemService.Postmortem postmortem = postmortems.get(id(id));
            PostmortemDao.Version shown = version == null || version.isBlank() ? postmortem.versions().get(0)
                    : postmortem.versions().stream().filter(v -> String.valueOf(v.version()).equals(version.strip())).findFirst()
                    .orElseThrow(() -> IrisException.notFound("Version not found", "Postmortem " + id + " has no version " + version));
            return Response.ok(new PostmortemView(context, postmortem, shown, message, error)).build();
        }
        catch (IrisException e) {
            return ErrorPage.of(context, e);
        }
    }

    @POST
    @Path("{id: [0-9]+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@Auth Caller caller, @PathParam("id") long id, @FormParam("markdown") String markdown)
    {
        try {
            int version = postmortems.save(id, markdown, caller.requireUsername());
            return Redirects.withFlash(page(id), "message", "Saved as version " + version);
        }
        catch (IrisException e) {
            return Redirects.withFlash(page(id), "error", Redirects.describe(e));
        }
    }

    @GET
    @Path("{id}/markdown")
    @Produces({"text/markdown", MediaType.TEXT_HTML})
    public Response download(@Context ContainerRequestContext request, @PathParam("id") String id)
    {
        try {
            long postmortem = id(id);
            return Response.ok(postmortems.get(postmortem).markdown(), "text/markdown;charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"postmortem-" + postmortem + ".md\"")
                    .build();
        }
        catch (IrisException e) {
            return ErrorPage.of(pages.context(request, "postmortems"), e);
        }
    }

    @POST
    @Path("{id: [0-9]+}/{action: publish|unpublish}")
    public Response publish(@Auth Caller caller, @PathParam("id") long id, @PathParam("action") String action)
    {
        boolean publish = action.equals("publish");
        try {
            caller.requireUsername();
            postmortems.publish(id, publish);
            return Redirects.withFlash(page(id), "message", publish
                    ? "Published on the status page (without the internal sections)"
                    : "No longer on the status page");
        }
        catch (IrisException e) {
            return Redirects.withFlash(page(id), "error", Redirects.describe(e));
        }
    }

    static List<Long> incidentIds(String text)
    {
        List<Long> ids = new ArrayList<>();
        for (String part : (text == null ? "" : text).split("[\\s,]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(part.startsWith("#") ? part.substring(1) : part));
            }
            catch (NumberFormatException e) {
                throw IrisException.badRequest("Invalid incidents", "Incident ids are numbers, separated by commas or spaces, not " + part);
            }
        }
        return ids;
    }

    private static long id(String text)
    {
        try {
            return Long.parseLong(text);
        }
        catch (NumberFormatException e) {
            throw IrisException.notFound("Postmortem not found", "No postmortem " + text);
        }
    }

    private static String page(long id)
    {
        return "/postmortems/" + id;
    }

    public static final class PostmortemsView
            extends PageView
    {
        private final List<PostmortemDao.Header> postmortems;
        private final String message;
        private final String error;

        PostmortemsView(PageContext context, List<PostmortemDao.Header> postmortems, String message, String error)
        {
            super("postmortem/postmortems.ftlh", context, "Postmortems");
            this.postmortems = postmortems;
            this.message = message;
            this.error = error;
        }

        public List<PostmortemDao.Header> getPostmortems()
        {
            return postmortems;
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

    public static final class PostmortemView
            extends PageView
    {
        private final PostmortemService.Postmortem postmortem;
        private final PostmortemDao.Version shown;
        private final String message;
        private final String error;

        PostmortemView(PageContext context, PostmortemService.Postmortem postmortem, PostmortemDao.Version shown, String message, String error)
        {
            super("postmortem/postmortem.ftlh", context, postmortem.header().title());
            this.postmortem = postmortem;
            this.shown = shown;
            this.message = message;
            this.error = error;
        }

        public PostmortemDao.Header getHeader()
        {
            return postmortem.header();
        }

        public List<Long> getIncidents()
        {
            return postmortem.incidents();
        }

        public List<PostmortemDao.Version> getVersions()
        {
            return postmortem.versions();
        }

        public PostmortemDao.Version getShown()
        {
            return shown;
        }

        public boolean isLatest()
        {
            return shown.version() == postmortem.version();
        }

        /**
         * The shown version rendered (the same renderer as comments: no raw HTML).
         */
        public String getPreview()
        {
            return Markdown.toHtml(shown.markdown());
        }

        public Optional<Integer> getPublishedVersion()
        {
            return Optional.ofNullable(postmortem.header().publishedVersion());
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
