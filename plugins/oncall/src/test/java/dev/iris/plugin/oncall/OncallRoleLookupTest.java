package dev.iris.plugin.oncall;

import dev.iris.spi.IrisPlugin;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;
import dev.iris.spi.PluginContext;
import dev.iris.spi.rolelookup.RoleLookup;
import dev.iris.spi.rolelookup.RoleLookupException;
import dev.iris.testing.LogCapture;
import dev.iris.common.auth.IrisHmac;
import dev.iris.testing.TestingClock;
import dev.iris.testing.fakes.FakeOncallServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class OncallRoleLookupTest
{
    private static final String KEY = "oncall-api-key-secret";

    private final TestingClock clock = new TestingClock(Instant.now());
    private FakeOncallServer oncall;

    @BeforeEach
    void startOncall()
    {
        oncall = FakeOncallServer.start("iris", KEY);
        oncall.setOncall("db-team", "primary", List.of("alice"));
        oncall.setOncall("db-team", "secondary", List.of("bob"));
        oncall.setOncall("db-team", "manager", List.of("carol"));
        oncall.setOncall("db-team", "director", List.of("frank"));
        oncall.setRoster("db-team", "primary-roster", List.of("alice", "bob"));
        oncall.setRoster("db-team", "backup", List.of("bob", "dave"));
    }

    @AfterEach
    void stopOncall()
    {
        oncall.close();
    }

    @Test
    void isRegisteredAsAPlugin()
    {
        assertThat(ServiceLoader.load(IrisPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(plugin -> plugin.getRoleLookupFactories().stream())
                .map(factory -> factory.getName()))
                .contains("oncall");
        assertThat(new OncallRoleLookupFactory().getSecuritySensitivePropertyNames()).containsExactly("oncall-key");
    }

    @Test
    void expandsRolesAsIrisDoes()
            throws Exception
    {
        RoleLookup lookup = lookup(Map.of());

        assertThat(lookup.lookup("oncall", "db-team")).contains(List.of("alice"));
        assertThat(lookup.lookup("oncall-primary", "db-team")).contains(List.of("alice"));
        assertThat(lookup.lookup("oncall-secondary", "db-team")).contains(List.of("bob"));
        assertThat(lookup.lookup("manager", "db-team")).contains(List.of("carol"));
        assertThat(lookup.lookup("director", "db-team")).contains(List.of("frank"));
        assertThat(lookup.lookup("team", "db-team")).hasValueSatisfying(users -> assertThat(users).containsExactlyInAnyOrder("alice", "bob", "dave"));
        assertThat(oncall.requests()).allSatisfy(request -> assertThat(request.header("Authorization")).hasValueSatisfying(value -> assertThat(value).startsWith("hmac iris:")));
    }

    @Test
    void isNotMineForOtherRolesUnknownTeamsAndEmptyShifts()
            throws Exception
    {
        RoleLookup lookup = lookup(Map.of());

        assertThat(lookup.lookup("user", "alice")).isEmpty();
        assertThat(lookup.lookup("mailing-list", "db@example.com")).isEmpty();
        assertThat(lookup.lookup("oncall", "no-such-team")).isEmpty();
        assertThat(lookup.lookup("oncall-shadow", "db-team")).isEmpty();
        assertThat(oncall.requests()).hasSize(2);
    }

    @Test
    void cachesAnswersBriefly()
            throws Exception
    {
        RoleLookup lookup = lookup(Map.of("cache_seconds", "60"));

        lookup.lookup("oncall", "db-team");
        oncall.setOncall("db-team", "primary", List.of("erin"));
        Optional<List<String>> cached = lookup.lookup("oncall", "db-team");
        clock.advance(Duration.ofSeconds(61));
        Optional<List<String>> fresh = lookup.lookup("oncall", "db-team");

        assertThat(cached).contains(List.of("alice"));
        assertThat(fresh).contains(List.of("erin"));
        assertThat(oncall.requests()).hasSize(2);
    }

    @Test
    void failuresAreExplainedAndNotCached()
            throws Exception
    {
        RoleLookup lookup = lookup(Map.of());
        oncall.enqueueHttpStatus(500);
        oncall.enqueueGarbage();

        RoleLookupException serverError = catchThrowableOfType(RoleLookupException.class, () -> lookup.lookup("oncall", "db-team"));
        RoleLookupException garbage = catchThrowableOfType(RoleLookupException.class, () -> lookup.lookup("oncall", "db-team"));

        assertThat(serverError.getMessage()).contains("HTTP 500").contains("/api/v0/teams/db-team/oncall/primary");
        assertThat(garbage.getMessage()).contains("not JSON");
        assertThat(lookup.lookup("oncall", "db-team")).contains(List.of("alice"));
    }

    @Test
    void wrongKeyIsExplainedWithoutTheKey()
    {
        Map<String, String> settings = settings(Map.of("oncall-key", "wrong-" + KEY));

        try (LogCapture logs = LogCapture.captureAll()) {
            RoleLookupException failure = catchThrowableOfType(RoleLookupException.class, () -> lookup(settings).lookup("oncall", "db-team"));

            assertThat(failure.getMessage()).contains("refused").contains("oncall-key").doesNotContain(KEY);
            assertThat(logs.text()).doesNotContain(KEY);
        }
    }

    @Test
    void timeoutsAndUnreachableOncallAreFailures()
    {
        oncall.enqueueDelay(Duration.ofSeconds(30));
        RoleLookupException timeout = catchThrowableOfType(RoleLookupException.class, () -> lookup(Map.of("timeout", "1")).lookup("manager", "db-team"));
        String url = oncall.baseUrl();
        oncall.close();
        RoleLookupException unreachable = catchThrowableOfType(RoleLookupException.class, () -> lookup(Map.of("oncall-api", url)).lookup("manager", "db-team"));

        assertThat(timeout.getMessage()).contains("did not answer within 1s");
        assertThat(unreachable.getMessage()).contains("Cannot reach Oncall");
    }

    @Test
    void signsLikeOncallsPythonClient()
    {
        // base64.urlsafe_b64encode(hmac.new(b'abc', b'340000000 GET /api/v0/teams/t/rosters ', hashlib.sha512).digest())
        Clock windowStart = Clock.fixed(Instant.ofEpochSecond(340_000_000L * 5), ZoneOffset.UTC);
        assertThat(IrisHmac.authorization("iris", "abc", windowStart, "GET", "/api/v0/teams/t/rosters", "", null))
                .isEqualTo("hmac iris:G8yMs1Jf0hugVrFcW04v33nEy-4CQgHKiKQLxo9o2kmtZtQaySJOsOanbYQRD770o7q0efugFxOL53AdByssLA==");
    }

    @Test
    void configurationErrorsNameTheKey()
    {
        Map<String, String> noApi = settings(Map.of());
        noApi.remove("oncall-api");
        assertConfigError(noApi, "oncall-api");
        assertConfigError(settings(Map.of("oncall-api", "oncall.example.com")), "oncall-api");
        Map<String, String> noKey = settings(Map.of());
        noKey.remove("oncall-key");
        assertConfigError(noKey, "oncall-key");
        assertConfigError(settings(Map.of("cache_seconds", "-1")), "cache_seconds");
        assertConfigError(settings(Map.of("oncall_api", "x")), "oncall_api");
    }

    private void assertConfigError(Map<String, String> settings, String key)
    {
        assertThatThrownBy(() -> new OncallRoleLookupFactory().create(new PluginConfig("oncall-test", settings), new PluginContext() {}))
                .isInstanceOfSatisfying(PluginConfigException.class, exception -> assertThat(exception.getKey()).isEqualTo(key))
                .hasMessageNotContaining(KEY);
    }

    private Map<String, String> settings(Map<String, String> overrides)
    {
        Map<String, String> settings = new HashMap<>();
        settings.put("oncall-api", oncall.baseUrl());
        settings.put("oncall-app", "iris");
        settings.put("oncall-key", KEY);
        settings.putAll(overrides);
        return settings;
    }

    private RoleLookup lookup(Map<String, String> overrides)
    {
        return new OncallRoleLookupFactory().create(new PluginConfig("oncall-test", settings(overrides)), new PluginContext()
        {
            @Override
            public Clock clock()
            {
                return clock;
            }
        });
    }
}
