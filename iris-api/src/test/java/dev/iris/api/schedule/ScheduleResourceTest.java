package dev.iris.api.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.IrisTestClient.Response;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter.Notification;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.iris.api.testing.ApiFixtures.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v0/schedules} and the Oncall-compatible reads over a real database: schedules as code
 * with a diff, who is on call now and next, the timeline with its gaps, overrides, swaps accepted
 * and refused, the audit trail, who may change what, and calendars a real iCal parser reads.
 */
final class ScheduleResourceTest
{
    private static TestingIrisApi api;
    private static IrisTestClient app;
    private static Instant firstHandoff;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            seed.application("app", "app-key", true, List.of("title"));
            long owner = seed.user("owner", true, Map.of("email", "owner@example.com"));
            long alice = seed.user("alice", false, Map.of("email", "alice@example.com", "sms", "+15550001"));
            long bob = seed.user("bob", false, Map.of("email", "bob@example.com"));
            long carol = seed.user("carol", false, Map.of("email", "carol@example.com"));
            seed.user("mallory", false, Map.of("email", "mallory@example.com"));
            long ops = seed.team("ops", List.of(alice, bob, carol));
            seed.team("quiet", List.of(alice));
            long application = api.jdbi().withHandle(handle -> handle.createQuery("SELECT id FROM application WHERE name = 'app'").mapTo(Long.class).one());
            seed.template("page", owner, application, List.of("email"), "{{title}}", "{{title}}");
            seed.plan("oncall-plan", owner, "pages the primary", List.of(Notification.of(1, "oncall-primary", ops, "high", "page", 0, 60)), 0, 0, 0, 0);
        });
        app = api.client("app", "app-key");
        firstHandoff = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
        Response applied = app.as("alice").put("/v0/schedules/ops", document(List.of("alice", "bob")));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
    }

    @AfterAll
    static void stop()
    {
        if (api != null) {
            api.close();
        }
    }

    private static Map<String, Object> document(List<String> members)
    {
        return Map.of("team", "ops", "notice_lead_minutes", 30, "rotations", List.of(Map.of(
                "name", "weekly", "role", "primary", "time_zone", "UTC",
                "start", LocalDateTime.ofInstant(firstHandoff, ZoneOffset.UTC).toString(),
                "shift", "1w", "members", members)));
    }

    @Test
    void exportIsTheAppliedDocumentAndApplyShowsTheDiffFirst()
    {
        JsonNode exported = app.get("/v0/schedules/ops").json();
        assertThat(exported.path("notice_lead_minutes").asInt()).isEqualTo(30);
        assertThat(exported.path("rotations").get(0).path("members").toString()).isEqualTo("[\"alice\",\"bob\"]");

        Response dryRun = app.as("alice").put("/v0/schedules/ops?dry_run=1", document(List.of("alice", "bob", "carol")));
        assertThat(dryRun.json().path("applied").asBoolean()).isFalse();
        assertThat(dryRun.json().path("changes").toString()).contains("members [alice, bob] -> [alice, bob, carol]");
        assertThat(app.get("/v0/schedules/ops").json().path("rotations").get(0).path("members")).hasSize(2);

        Response same = app.as("alice").put("/v0/schedules/ops", document(List.of("alice", "bob")));
        assertThat(same.json().path("changes")).isEmpty();
    }

    @Test
    void whoIsOnCallNowAndNextAndThePlanSimulationPagesThem()
    {
        JsonNode primary = app.get("/v0/schedules/ops/oncall").json().path("roles").path("primary");
        assertThat(primary.path("current").path("users").toString()).isEqualTo("[\"alice\"]");
        assertThat(primary.path("next").path("users").toString()).isEqualTo("[\"bob\"]");
        assertThat(primary.path("next").path("start").asLong()).isEqualTo(firstHandoff.plus(Duration.ofDays(7)).getEpochSecond());

        JsonNode simulation = app.post("/v0/plans/oncall-plan/simulate", "{}").json();
        assertThat(simulation.path("pages").get(0).path("user").asText()).isEqualTo("alice");
        JsonNode nextWeek = app.post("/v0/plans/oncall-plan/simulate",
                "{\"start\": " + firstHandoff.plus(Duration.ofDays(8)).getEpochSecond() + "}").json();
        assertThat(nextWeek.path("pages").get(0).path("user").asText()).isEqualTo("bob");
    }

    @Test
    void gapIsShownInTheTimelineAndFlaggedBySimulation()
    {
        // Team quiet schedules its primary in business hours only: nights and weekends are gaps.
        Response applied = app.as("alice").put("/v0/schedules/quiet", Map.of("rotations", List.of(Map.of(
                "name", "day", "role", "primary", "time_zone", "UTC", "start", "2024-01-01T09:00", "shift", "1d",
                "restriction", "business-hours", "members", List.of("alice")))));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        JsonNode timeline = app.get("/v0/schedules/quiet/timeline").json().path("roles").path("primary");
        List<Boolean> gaps = new ArrayList<>();
        timeline.forEach(segment -> gaps.add(segment.path("gap").asBoolean()));
        assertThat(gaps).contains(true, false);

        api.seed(seed -> {
            long owner = api.jdbi().withHandle(handle -> handle.createQuery("SELECT id FROM target WHERE name = 'owner'").mapTo(Long.class).one());
            long quiet = api.jdbi().withHandle(handle -> handle.createQuery("SELECT id FROM target WHERE name = 'quiet'").mapTo(Long.class).one());
            seed.plan("quiet-plan", owner, "pages quiet", List.of(Notification.of(1, "oncall-primary", quiet, "high", "page", 0, 60)), 0, 0, 0, 0);
        });
        // Saturday 2030-01-05 03:00 UTC: nobody.
        JsonNode simulation = app.post("/v0/plans/quiet-plan/simulate", "{\"start\": 1894158000}").json();
        assertThat(simulation.path("notes").toString()).contains("schedule gap: nobody is oncall-primary of quiet");
        assertThat(simulation.path("pages").get(0).path("user").asText()).isEqualTo("owner");
    }

    @Test
    void overridesAndSwapsNeedTheRightPeopleAndAreAudited()
    {
        Instant start = firstHandoff.plus(Duration.ofDays(7)).minus(Duration.ofHours(1));
        Instant end = start.plus(Duration.ofHours(2));
        // Not a member of ops: refused.
        assertError(app.as("mallory").post("/v0/schedules/ops/overrides",
                Map.of("role", "primary", "user", "mallory", "start", start.getEpochSecond(), "end", end.getEpochSecond())),
                401, "Only members of ops and admins may change its schedule");
        assertError(app.as("alice").post("/v0/schedules/ops/overrides",
                Map.of("role", "primary", "user", "carol", "start", end.getEpochSecond(), "end", start.getEpochSecond())),
                400, "Invalid schedule");
        assertError(app.as("alice").post("/v0/schedules/ops/overrides", "not json"), 400, "Invalid JSON");

        Response override = app.as("alice").post("/v0/schedules/ops/overrides",
                Map.of("role", "primary", "user", "carol", "start", start.getEpochSecond(), "end", end.getEpochSecond()));
        assertThat(override.status()).as(override.toString()).isEqualTo(201);
        JsonNode across = app.get("/v0/schedules/ops/oncall?at=" + start.plusSeconds(60).getEpochSecond()).json();
        assertThat(across.path("roles").path("primary").path("current").path("users").toString()).isEqualTo("[\"carol\"]");
        assertThat(across.path("roles").path("primary").path("next").path("users").toString()).isEqualTo("[\"bob\"]");

        // A swap asked by bob is pending until alice answers; mallory cannot answer for her.
        Instant weekStart = firstHandoff.plus(Duration.ofDays(14));
        Map<String, Object> swap = Map.of("role", "primary", "with", "alice", "start", firstHandoff.plus(Duration.ofDays(7)).getEpochSecond(),
                "end", firstHandoff.plus(Duration.ofDays(21)).getEpochSecond());
        Response requested = app.as("bob").post("/v0/schedules/ops/swaps", swap);
        assertThat(requested.json().path("status").asText()).isEqualTo("pending");
        long refusedId = requested.json().path("id").asLong();
        String inAlicesWeek = "/v0/schedules/ops/oncall?at=" + weekStart.plus(Duration.ofDays(1)).getEpochSecond();
        assertThat(app.get(inAlicesWeek).json().path("roles").path("primary").path("current").path("users").toString()).isEqualTo("[\"alice\"]");
        assertThat(app.as("mallory").post("/v0/schedules/ops/swaps/" + refusedId + "/refuse", "").status()).isEqualTo(401);
        assertThat(app.as("alice").post("/v0/schedules/ops/swaps/" + refusedId + "/refuse", "").json().path("status").asText()).isEqualTo("refused");
        assertThat(app.get(inAlicesWeek).json().path("roles").path("primary").path("current").path("users").toString()).isEqualTo("[\"alice\"]");
        assertError(app.as("alice").post("/v0/schedules/ops/swaps/" + refusedId + "/accept", ""), 400, "Swap already answered");

        long acceptedId = app.as("bob").post("/v0/schedules/ops/swaps", swap).json().path("id").asLong();
        assertThat(app.as("alice").post("/v0/schedules/ops/swaps/" + acceptedId + "/accept", "").status()).isEqualTo(200);
        assertThat(app.get(inAlicesWeek).json().path("roles").path("primary").path("current").path("users").toString()).isEqualTo("[\"bob\"]");

        List<String> actions = new ArrayList<>();
        app.get("/v0/schedules/ops/audit").json().forEach(entry -> actions.add(entry.path("actor").asText() + " " + entry.path("action").asText()));
        assertThat(actions).contains("alice apply", "alice override", "bob swap", "alice swap-refused", "alice swap-accepted");
        assertThat(app.get("/v0/schedules/ops/swaps").json().toString()).contains("\"status\":\"refused\"", "\"status\":\"accepted\"");
    }

    @Test
    void secretCalendarUrlServesAFeedARealParserReads()
            throws Exception
    {
        assertThat(app.as("bob").post("/v0/schedules/ical-keys", Map.of("user", "alice")).status()).isEqualTo(401);
        Response key = app.as("alice").post("/v0/schedules/ical-keys", Map.of("user", "alice"));
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        Response feed = api.anonymous().get(key.json().path("path").asText());
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.header("Content-Type")).startsWith("text/calendar");

        Calendar calendar = new CalendarBuilder().build(new StringReader(feed.body()));
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).isNotEmpty();
        // alice's shifts in every team that schedules her, nobody else's.
        assertThat(events).allSatisfy(event -> assertThat(event.getSummary().orElseThrow().getValue()).endsWith("on call: alice"));
        assertThat(events).anySatisfy(event -> assertThat(event.getSummary().orElseThrow().getValue()).isEqualTo("ops primary on call: alice"));
        // Start and end parse as UTC instants, a shift apart.
        Instant eventStart = Instant.from(events.get(0).getDateTimeStart().orElseThrow().getDate());
        Instant eventEnd = Instant.from(events.get(0).getDateTimeEnd().orElseThrow().getDate());
        assertThat(eventEnd).isAfter(eventStart);

        Response team = api.anonymous().get("/api/v0/teams/ops/ical");
        Calendar teamCalendar = new CalendarBuilder().build(new StringReader(team.body()));
        List<String> summaries = new ArrayList<>();
        teamCalendar.<VEvent>getComponents("VEVENT").forEach(event -> summaries.add(event.getSummary().orElseThrow().getValue()));
        assertThat(summaries).anySatisfy(summary -> assertThat(summary).endsWith("bob"));

        assertError(api.anonymous().get("/v0/schedules/ical/" + "x".repeat(43)), 404, "Calendar not found");
    }

    @Test
    void oncallCompatibleReadsHaveOncallsShapes()
    {
        JsonNode primary = api.anonymous().get("/api/v0/teams/ops/oncall/primary").json();
        assertThat(primary).hasSize(1);
        assertThat(primary.get(0).path("user").asText()).isIn("alice", "carol");
        assertThat(primary.get(0).has("start")).isTrue();
        assertThat(primary.get(0).has("end")).isTrue();
        assertThat(primary.get(0).path("contacts").isObject()).isTrue();
        assertThat(api.anonymous().get("/api/v0/teams/no-such-team/oncall/primary").json()).isEmpty();

        JsonNode rosters = api.anonymous().get("/api/v0/teams/ops/rosters").json();
        assertThat(rosters.path("weekly").path("users").get(0).path("name").asText()).isEqualTo("alice");
        assertThat(rosters.path("weekly").path("users").get(0).path("in_rotation").asBoolean()).isTrue();
        assertThat(api.anonymous().get("/api/v0/teams/no-such-team/rosters").status()).isEqualTo(422);

        JsonNode summary = api.anonymous().get("/api/v0/teams/ops/summary").json();
        assertThat(summary.path("current").path("primary").get(0).path("user_contacts").isObject()).isTrue();
        assertThat(summary.path("next").path("primary")).isNotEmpty();
        assertThat(api.anonymous().get("/api/v0/teams/no-such-team/summary").status()).isEqualTo(404);
    }

    @Test
    void badDocumentsAreRefusedWithTheReason()
    {
        assertError(app.as("alice").put("/v0/schedules/ops", Map.of("rotations", List.of(Map.of("name", "x", "role", "primary",
                "time_zone", "Mars/Olympus", "start", "2024-01-01T09:00", "shift", "1w", "members", List.of())))),
                400, "Invalid schedule", "rotation x: unknown time_zone Mars/Olympus");
        assertError(app.as("alice").put("/v0/schedules/ops", Map.of("rotations", List.of(Map.of("name", "x", "role", "primary",
                "time_zone", "UTC", "start", "2024-01-01T09:00", "shift", "1fortnight", "members", List.of())))),
                400, "Invalid schedule");
        assertError(app.as("alice").put("/v0/schedules/ops", Map.of("rotations", List.of(Map.of("name", "x", "role", "primary",
                "time_zone", "UTC", "start", "2024-01-01T09:00", "shift", "1w", "members", List.of("nobody"))))),
                400, "Invalid schedule", "rotation x: no user named nobody");
        assertError(app.as("alice").put("/v0/schedules/no-such-team", Map.of("rotations", List.of())), 401,
                "Only members of no-such-team and admins may change its schedule");
        assertError(app.get("/v0/schedules/no-such-team"), 404, "Team not found");
        assertError(app.get("/v0/schedules/ops/timeline?start=abc"), 400, "Invalid start");
    }
}
