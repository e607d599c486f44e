package dev.iris.api.ui.schedule;

import dev.iris.api.auth.Caller;
import dev.iris.api.ui.PageContext;
import dev.iris.api.ui.PageView;
import dev.iris.api.ui.UiPage;
import dev.iris.api.ui.Redirects;
import dev.iris.api.ui.UiPages;
import dev.iris.core.schedule.OnCall;
import dev.iris.core.schedule.ScheduleRole;
import dev.iris.core.schedule.ScheduleService;
import dev.iris.core.schedule.Segment;
import dev.iris.core.team.TeamChannels;
import io.dropwizard.auth.Auth;
import dev.iris.common.http.IrisException;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * {@code /schedules}: the teams with a schedule; {@code /schedules/{team}}: who is on call now and
 * next, a timeline of the coming weeks per role, gaps in red, and the team's chat channels (where
 * its plans' countdown notifications are posted), which members of the team and admins can change.
 */
@Path("/schedules")
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class SchedulePagesResource
{
    private static final int DEFAULT_WEEKS = 4;
    private static final int MAX_WEEKS = 26;

    private final ScheduleService schedules;
    private final TeamChannels channels;
    private final UiPages pages;

    @Inject
    public SchedulePagesResource(ScheduleService schedules, TeamChannels channels, UiPages pages)
    {
        this.schedules = requireNonNull(schedules, "schedules is null");
        this.channels = requireNonNull(channels, "channels is null");
        this.pages = requireNonNull(pages, "pages is null");
    }

    @GET
    public SchedulesView list(@Context ContainerRequestContext request)
    {
        return new SchedulesView(pages.context(request, "schedules"), schedules.scheduledTeams());
    }

    @GET
    @Path("/{team}")
    public ScheduleView team(@Context ContainerRequestContext request, @PathParam("team") String team, @QueryParam("weeks") Integer weeks,
            @QueryParam("message") String message, @QueryParam("error") String error)
    {
        PageContext context = pages.context(request, "schedules");
        int shown = weeks == null ? DEFAULT_WEEKS : Math.max(1, Math.min(weeks, MAX_WEEKS));
        OnCall onCall;
        try {
            onCall = schedules.onCall(team);
        }
        catch (IrisException e) {
            // The UI's HTML not-found page rather than the API's JSON error.
            throw new NotFoundException("No team " + team);
        }
        Instant now = schedules.now();
        Instant to = now.plus(Duration.ofDays(7L * shown));
        ZoneId zone = context.zone();
        List<RoleTimeline> roles = new ArrayList<>();
        for (ScheduleRole role : onCall.roles()) {
            List<Segment> segments = onCall.timeline(role, now, to);
            Set<String> people = new LinkedHashSet<>();
            segments.forEach(segment -> people.addAll(segment.users()));
            Segment current = segments.get(0);
            Segment next = segments.size() > 1 ? segments.get(1) : null;
            roles.add(new RoleTimeline(role.wireName(), describe(current), context.time(current.end()),
                    next == null ? "" : describe(next), next == null ? "" : context.time(next.start()),
                    segments.stream().filter(Segment::isGap).count(),
                    TimelineSvg.render(role.wireName(), segments, now, to, zone, List.copyOf(people))));
        }
        return new ScheduleView(context, team, shown, roles, channels.channels(team), message, error);
    }

    /**
     * The channel form: replaces the team's chat channels (a blank field removes that channel).
     */
    @POST
    @Path("/{team}/channels")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveChannels(@PathParam("team") String team, @FormParam("mattermost") String mattermost, @FormParam("telegram") String telegram,
            @Auth Caller caller)
    {
        String page = "/schedules/" + URLEncoder.encode(team, StandardCharsets.UTF_8).replace("+", "%20");
        if (!caller.admin() && !schedules.isTeamMember(caller.requireUsername(), team)) {
            return Redirects.withFlash(page, "error", "Only members of " + team + " and admins may change its channels");
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("mattermost", mattermost == null ? "" : mattermost);
        wanted.put("telegram", telegram == null ? "" : telegram);
        try {
            channels.replace(team, wanted);
            return Redirects.withFlash(page, "message", "Saved the chat channels of " + team);
        }
        catch (IrisException e) {
            return Redirects.withFlash(page, "error", Redirects.describe(e));
        }
    }

    private static String describe(Segment segment)
    {
        if (segment.isGap()) {
            return "nobody (gap)";
        }
        return segment.users().isEmpty() ? "not scheduled" : String.join(", ", segment.users());
    }

    /**
     * @param svg the rendered timeline (trusted: built by {@link TimelineSvg} with escaped text)
     */
    public record RoleTimeline(String role, String current, String until, String next, String nextFrom, long gaps, String svg) {}

    public static final class SchedulesView
            extends PageView
    {
        private final List<String> teams;

        SchedulesView(PageContext context, List<String> teams)
        {
            super("schedules.ftlh", context, "Schedules");
            this.teams = teams;
        }

        public List<String> getTeams()
        {
            return teams;
        }
    }

    public static final class ScheduleView
            extends PageView
    {
        private final String team;
        private final int weeks;
        private final List<RoleTimeline> roles;
        private final Map<String, String> channels;
        private final String message;
        private final String error;

        ScheduleView(PageContext context, String team, int weeks, List<RoleTimeline> roles, Map<String, String> channels, String message, String error)
        {
            super("schedule.ftlh", context, "Schedule of " + team);
            this.team = team;
            this.weeks = weeks;
            this.roles = roles;
            this.channels = channels;
            this.message = message;
            this.error = error;
        }

        public String getMattermostChannel()
        {
            return channels.getOrDefault("mattermost", "");
        }

        public String getTelegramChannel()
        {
            return channels.getOrDefault("telegram", "");
        }

        public String getMessage()
        {
            return message;
        }

        public String getError()
        {
            return error;
        }

        public String getTeam()
        {
            return team;
        }

        public int getWeeks()
        {
            return weeks;
        }

        public List<RoleTimeline> getRoles()
        {
            return roles;
        }
    }
}
