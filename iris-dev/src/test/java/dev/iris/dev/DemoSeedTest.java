package dev.iris.dev;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.core.schedule.ScheduleService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code ./iris dev} seeds, beyond the demo incident's path (DevInboxTest, the README's quick
 * start): demo-team's weekly rotation puts someone on call now, and seeding again (every start of
 * {@code ./iris dev} does) changes nothing.
 */
final class DemoSeedTest
{
    private static TestingIrisApi api;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        DemoSeed.load(api.jdbi());
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void demoTeamHasAPrimaryOnCallNow()
    {
        JsonNode onCall = api.anonymous().get("/v0/schedules/demo-team/oncall?role=primary").json();

        assertThat(onCall.toString()).containsAnyOf("\"alice\"", "\"bob\"");
        assertThat(onCall.path("roles").path("primary").path("current").path("gap").asBoolean()).isFalse();
    }

    @Test
    void seedingAgainChangesNothing()
    {
        ScheduleService schedules = new ScheduleService(api.jdbi(), Clock.systemUTC());
        String before = schedules.export("demo-team").toString();
        long plans = planCount();

        DemoSeed.load(api.jdbi());

        assertThat(schedules.export("demo-team").toString()).isEqualTo(before);
        assertThat(schedules.export("demo-team").rotations()).hasSize(1);
        assertThat(planCount()).isEqualTo(plans);
    }

    private static long planCount()
    {
        return api.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM plan").mapTo(Long.class).one());
    }
}
