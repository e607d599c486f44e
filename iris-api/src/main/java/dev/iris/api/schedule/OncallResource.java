package dev.iris.api.schedule;

import dev.iris.api.auth.PublicRead;
import dev.iris.common.http.IrisException;
import dev.iris.core.schedule.OnCall;
import dev.iris.core.schedule.ScheduleRole;
import dev.iris.core.schedule.ScheduleService;
import dev.iris.core.schedule.Segment;
import dev.iris.core.schedule.TeamSchedule;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * LinkedIn Oncall's read endpoints, answered from Iris's schedules, for sites migrating from
 * Oncall: Iris's own oncall role lookup and Oncall's common clients can point here. Shapes follow
 * Oncall's {@code api/v0}; an event is a person's uninterrupted shift. Public reads, as in Oncall.
 */
@Path("/api/v0")
@PublicRead
public final class OncallResource
{
    private final ScheduleService schedules;
    private final IcalFeeds feeds;
    private final ContactDao contacts;

    @Inject
    public OncallResource(ScheduleService schedules, IcalFeeds feeds, Jdbi jdbi)
    {
        this.schedules = requireNonNull(schedules, "schedules is null");
        this.feeds = requireNonNull(feeds, "feeds is null");
        this.contacts = requireNonNull(jdbi, "jdbi is null").onDemand(ContactDao.class);
    }

    /**
     * The current events of every role: {@code [{user, start, end, full_name, contacts, role}]}.
     */
    @GET
    @Path("/teams/{team}/oncall")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> oncall(@PathParam("team") String team)
    {
        return current(team, null);
    }

    /**
     * The current events of a role ({@code primary}, {@code secondary}, {@code shadow},
     * {@code manager}); Oncall answers an empty list for an unknown team or role, so do we.
     */
    @GET
    @Path("/teams/{team}/oncall/{role}")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> oncallRole(@PathParam("team") String team, @PathParam("role") String role)
    {
        return ScheduleRole.fromWireName(role).map(scheduleRole -> current(team, scheduleRole)).orElse(List.of());
    }

    /**
     * {@code {<rotation>: {id, users: [{name, in_rotation}], schedules: []}}}; 422 for an unknown
     * team, as Oncall.
     */
    @GET
    @Path("/teams/{team}/rosters")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> rosters(@PathParam("team") String team)
    {
        TeamSchedule schedule = schedule(team, unprocessable(team));
        Instant now = schedules.now();
        Map<String, Object> rosters = new LinkedHashMap<>();
        schedule.rotations().stream().filter(rotation -> rotation.inForceAt(now)).forEach(rotation -> {
            Map<String, Object> roster = new LinkedHashMap<>();
            roster.put("id", rotation.id());
            roster.put("users", rotation.rosterAt(now).stream().map(user -> Map.of("name", user, "in_rotation", true)).toList());
            roster.put("schedules", List.of());
            rosters.put(rotation.name(), roster);
        });
        return rosters;
    }

    /**
     * {@code {current: {<role>: [event]}, next: {<role>: [event]}}}, events with
     * {@code user_contacts}; 404 for an unknown team, as Oncall.
     */
    @GET
    @Path("/teams/{team}/summary")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> summary(@PathParam("team") String team)
    {
        OnCall onCall = new OnCall(schedule(team, IrisException.notFound("Team not found", "No team named " + team)));
        Instant now = schedules.now();
        Map<String, Object> current = new LinkedHashMap<>();
        Map<String, Object> next = new LinkedHashMap<>();
        for (ScheduleRole role : onCall.roles()) {
            List<Segment> ahead = onCall.timeline(role, now, now.plus(Duration.ofDays(90)));
            if (!ahead.get(0).users().isEmpty()) {
                current.put(role.wireName(), events(team, role, onCall, ahead.get(0), now, "user_contacts"));
            }
            ahead.stream().skip(1).filter(segment -> !segment.users().isEmpty()).findFirst()
                    .ifPresent(segment -> next.put(role.wireName(), events(team, role, onCall, segment, now, "user_contacts")));
        }
        return Map.of("current", current, "next", next);
    }

    @GET
    @Path("/users/{user}/ical")
    @Produces("text/calendar")
    public Response userIcal(@PathParam("user") String user, @QueryParam("start") String start)
    {
        return Response.ok(feeds.user(user, start == null ? null : ScheduleResource.seconds(start, "start")), "text/calendar; charset=UTF-8").build();
    }

    @GET
    @Path("/teams/{team}/ical")
    @Produces("text/calendar")
    public Response teamIcal(@PathParam("team") String team, @QueryParam("start") String start)
    {
        schedule(team, IrisException.notFound("Team not found", "No team named " + team));
        return Response.ok(feeds.team(team, start == null ? null : ScheduleResource.seconds(start, "start")), "text/calendar; charset=UTF-8").build();
    }

    private List<Map<String, Object>> current(String team, ScheduleRole only)
    {
        TeamSchedule schedule;
        try {
            schedule = schedules.schedule(team);
        }
        catch (IrisException e) {
            return List.of();
        }
        OnCall onCall = new OnCall(schedule);
        Instant now = schedules.now();
        List<Map<String, Object>> events = new ArrayList<>();
        for (ScheduleRole role : onCall.roles()) {
            if (only == null || only == role) {
                List<Segment> ahead = onCall.timeline(role, now, now.plusSeconds(1));
                events.addAll(events(team, role, onCall, ahead.get(0), now, "contacts"));
            }
        }
        return events;
    }

    /**
     * One Oncall event per person in the segment, spanning that person's whole shift around it.
     */
    private List<Map<String, Object>> events(String team, ScheduleRole role, OnCall onCall, Segment segment, Instant now, String contactsField)
    {
        List<Map<String, Object>> events = new ArrayList<>();
        Instant from = segment.start().minus(Duration.ofDays(30));
        Instant to = segment.start().plus(Duration.ofDays(60));
        for (String user : segment.users()) {
            var shift = onCall.shifts(role, from, to).stream()
                    .filter(candidate -> candidate.user().equals(user) && !candidate.start().isAfter(segment.start()) && candidate.end().isAfter(segment.start()))
                    .findFirst();
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("user", user);
            event.put("start", shift.map(value -> value.start()).orElse(segment.start()).getEpochSecond());
            event.put("end", shift.map(value -> value.end()).orElse(segment.end()).getEpochSecond());
            event.put("full_name", user);
            event.put("role", role.wireName());
            event.put("team", team);
            Map<String, String> userContacts = new LinkedHashMap<>();
            contacts.contacts(user).forEach(contact -> userContacts.put(contact.mode(), contact.destination()));
            event.put(contactsField, userContacts);
            contacts.userId(user).ifPresent(id -> event.put("user_id", id));
            events.add(event);
        }
        return events;
    }

    private TeamSchedule schedule(String team, IrisException unknown)
    {
        try {
            return schedules.schedule(team);
        }
        catch (IrisException e) {
            throw unknown;
        }
    }

    private static IrisException unprocessable(String team)
    {
        return new IrisException(422, "IntegrityError", "team \"" + team + "\" not found");
    }
}
