package dev.iris.dev;

import dev.iris.api.testing.TestingIrisApi;
import dev.iris.core.plugin.PluginRegistry;
import dev.iris.core.schedule.ScheduleDocument;
import dev.iris.core.schedule.ScheduleDocument.RotationSpec;
import dev.iris.core.schedule.ScheduleService;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.rolelookup.RoleLookup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Iris's {@code oncall} role lookup (the one a site moving from LinkedIn Oncall already
 * configures) pointed at our API instead of Oncall: the built-in schedules answer it through
 * Oncall's read endpoints, so such a site can switch its schedules without touching its plans.
 */
final class OncallPluginAgainstIrisTest
{
    private static TestingIrisApi api;
    private static RoleLookup oncall;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            long alice = seed.user("alice", false, Map.of("email", "alice@example.com"));
            long bob = seed.user("bob", false, Map.of("email", "bob@example.com"));
            long carol = seed.user("carol", false, Map.of("email", "carol@example.com"));
            seed.team("ops", List.of(alice, bob, carol));
        });
        // Alice is primary and Bob secondary around the clock, every week.
        new ScheduleService(api.jdbi(), Clock.systemUTC()).apply("ops", new ScheduleDocument("ops", 60, List.of(
                new RotationSpec("primary-weekly", "primary", "UTC", "2024-01-01T00:00", "1w", "none", List.of("alice")),
                new RotationSpec("secondary-weekly", "secondary", "UTC", "2024-01-01T00:00", "1w", "none", List.of("bob")))),
                "test", false);
        oncall = PluginRegistry.fromClasspath().requireRoleLookup("oncall")
                .create(new PluginConfig("oncall", Map.of("oncall-api", api.baseUri().toString(), "cache_seconds", "0")), new PluginContext() {});
    }

    @AfterAll
    static void stop()
    {
        if (oncall != null) {
            oncall.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void onCallRolesAreAnsweredByTheBuiltInSchedules()
            throws Exception
    {
        assertThat(oncall.lookup("oncall-primary", "ops")).contains(List.of("alice"));
        assertThat(oncall.lookup("oncall", "ops")).as("Iris's 'oncall' is the primary").contains(List.of("alice"));
        assertThat(oncall.lookup("oncall-secondary", "ops")).contains(List.of("bob"));
    }

    @Test
    void theTeamRoleIsEveryoneOnTheTeamsRosters()
            throws Exception
    {
        assertThat(oncall.lookup("team", "ops")).hasValueSatisfying(users -> assertThat(users).containsExactlyInAnyOrder("alice", "bob"));
    }

    @Test
    void anUnknownTeamIsNotMineSoTheNextLookupIsAsked()
            throws Exception
    {
        assertThat(oncall.lookup("oncall-primary", "no-such-team")).isEmpty();
        assertThat(oncall.lookup("user", "alice")).as("not a role Oncall answers").isEmpty();
    }
}
