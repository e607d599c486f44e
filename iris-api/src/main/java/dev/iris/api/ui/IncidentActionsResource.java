package dev.iris.api.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.api.auth.Caller;
import dev.iris.api.auth.OwnAuthentication;
import dev.iris.common.http.IrisException;
import dev.iris.core.incident.ClaimService;
import dev.iris.core.incident.CommentService;
import dev.iris.core.incident.IncidentService;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The incident buttons: claim, unclaim, claim all mine, resolve, comment, re-escalate. Each is a
 * plain form post answered with a redirect back to the page it came from, so they work without
 * JavaScript; the claim itself is always {@link ClaimService}'s.
 */
@Path("/incidents")
@OwnAuthentication
@UiPage
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public final class IncidentActionsResource
{
    private final ClaimService claims;
    private final CommentService comments;
    private final IncidentService incidents;
    private final IncidentListDao list;
    private final IncidentPageDao detail;
    private final ObjectMapper objectMapper;

    @Inject
    public IncidentActionsResource(ClaimService claims, CommentService comments, IncidentService incidents, Jdbi jdbi, ObjectMapper objectMapper)
    {
        this.claims = requireNonNull(claims, "claims is null");
        this.comments = requireNonNull(comments, "comments is null");
        this.incidents = requireNonNull(incidents, "incidents is null");
        this.list = requireNonNull(jdbi, "jdbi is null").onDemand(IncidentListDao.class);
        this.detail = jdbi.onDemand(IncidentPageDao.class);
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
    }

    @POST
    @Path("{id: [0-9]+}/claim")
    public Response claim(@PathParam("id") long id, @FormParam("back") String back, @Auth Caller caller)
    {
        return act(back, id, () -> {
            claims.claim(id, caller.requireUsername());
            return "Claimed incident " + id;
        });
    }

    @POST
    @Path("{id: [0-9]+}/unclaim")
    public Response unclaim(@PathParam("id") long id, @FormParam("back") String back)
    {
        return act(back, id, () -> {
            claims.claim(id, null);
            return "Unclaimed incident " + id + "; escalation resumes";
        });
    }

    @POST
    @Path("claim-mine")
    public Response claimMine(@FormParam("back") String back, @Auth Caller caller)
    {
        String username = caller.requireUsername();
        return act(back, null, () -> {
            List<Long> mine = list.activeIncidentsPaging(username);
            if (mine.isEmpty()) {
                return "No active incident has paged you";
            }
            claims.claimAll(mine, username);
            return "Claimed " + mine.size() + (mine.size() == 1 ? " incident" : " incidents");
        });
    }

    /**
     * The list's bulk buttons: claim or resolve the ticked incidents ({@code id}, repeated) or an
     * aggregated group's ({@code ids}, comma-separated), all in one transaction.
     */
    @POST
    @Path("bulk")
    public Response bulk(
            @FormParam("action") String action,
            @FormParam("id") List<String> ticked,
            @FormParam("ids") String group,
            @FormParam("back") String back,
            @Auth Caller caller)
    {
        String username = caller.requireUsername();
        return act(back, null, () -> {
            List<Long> ids = BulkSelection.ids(ticked, group);
            if (ids.isEmpty()) {
                throw IrisException.badRequest("Nothing selected", "Tick the incidents first");
            }
            String count = ids.size() + (ids.size() == 1 ? " incident" : " incidents");
            if ("claim".equals(action)) {
                claims.claimAll(ids, username);
                return "Claimed " + count;
            }
            if ("resolve".equals(action)) {
                claims.resolveAll(ids, username);
                return "Resolved " + count;
            }
            throw IrisException.badRequest("Unknown action", "Choose claim or resolve");
        });
    }

    @POST
    @Path("{id: [0-9]+}/resolve")
    public Response resolve(@PathParam("id") long id, @Auth Caller caller)
    {
        return act(null, id, () -> {
            claims.resolve(id, true, caller.requireUsername());
            return "Marked resolved";
        });
    }

    @POST
    @Path("{id: [0-9]+}/unresolve")
    public Response unresolve(@PathParam("id") long id, @Auth Caller caller)
    {
        return act(null, id, () -> {
            claims.resolve(id, false, caller.requireUsername());
            return "Marked unresolved";
        });
    }

    @POST
    @Path("{id: [0-9]+}/comments")
    public Response comment(@PathParam("id") long id, @FormParam("content") String content, @Auth Caller caller)
    {
        return act(null, id, () -> {
            if (content == null || content.isBlank()) {
                throw IrisException.badRequest("Empty comment", "Write something first");
            }
            comments.add(id, caller.requireUsername(), content.strip());
            return "Comment added";
        });
    }

    /**
     * Iris's re-escalation: claim this incident if it is still active, open a new one with the same
     * application and context on the chosen plan, and link the two with comments.
     */
    @POST
    @Path("{id: [0-9]+}/reescalate")
    public Response reescalate(@PathParam("id") long id, @FormParam("plan") String plan, @Auth Caller caller)
    {
        String username = caller.requireUsername();
        IncidentPageDao.Detail incident = detail.incident(id).orElseThrow(() -> new NotFoundException("No incident " + id));
        if (plan == null || plan.isBlank()) {
            return Redirects.withFlash("/incidents/" + id, "error", "Choose a plan to re-escalate to");
        }
        try {
            long created = incidents.create(incident.application(), plan, context(incident.context()), List.of(), null).incidentId();
            if (incident.active()) {
                claims.claim(id, username);
            }
            comments.add(id, username, "Re-escalated to plan " + plan + " as incident " + created);
            comments.add(created, username, "Re-escalated from incident " + id);
            return Redirects.withFlash("/incidents/" + created, "message", "Re-escalated from incident " + id);
        }
        catch (IrisException e) {
            return Redirects.withFlash("/incidents/" + id, "error", Redirects.describe(e));
        }
    }

    private JsonNode context(String json)
    {
        try {
            return objectMapper.readTree(json);
        }
        catch (IOException e) {
            return objectMapper.createObjectNode();
        }
    }

    private interface Action
    {
        String run();
    }

    private static Response act(String back, Long incidentId, Action action)
    {
        String target = back != null ? Redirects.safeNext(back) : incidentId == null ? Redirects.HOME : "/incidents/" + incidentId;
        try {
            return Redirects.withFlash(target, "message", action.run());
        }
        catch (IrisException e) {
            return Redirects.withFlash(target, "error", Redirects.describe(e));
        }
    }
}
