package dev.iris.core.rolelookup;

import dev.iris.core.plugin.CoreServices;
import dev.iris.core.plugin.PluginRegistry;
import dev.iris.db.Database;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;
import dev.iris.spi.PluginContext;
import dev.iris.spi.rolelookup.RoleLookup;
import dev.iris.testing.db.TestingMariaDb;
import dev.iris.testing.seed.SeedWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class DatabaseRoleLookupTest
{
    private static Database database;
    private static RoleLookup lookup;

    @BeforeAll
    static void setUp()
    {
        database = TestingMariaDb.get().newDatabase();
        database.jdbi().useTransaction(handle -> {
            SeedWriter seed = new SeedWriter(handle);
            long alice = seed.user("alice", false, Map.of());
            long bob = seed.user("bob", false, Map.of());
            long gone = seed.user("gone", false, Map.of());
            handle.execute("UPDATE target SET active = 0 WHERE id = ?", gone);
            long team = seed.team("ops", List.of(alice, bob, gone));
            handle.execute("UPDATE team SET manager_id = ? WHERE target_id = ?", bob, team);
            seed.team("headless", List.of(alice));
            seed.mailingList("list", List.of(alice, gone));
        });
        lookup = PluginRegistry.fromClasspath().requireRoleLookup("database")
                .create(new PluginConfig("database", Map.of()), new CoreServices(Clock.systemUTC(), database.jdbi()));
    }

    @AfterAll
    static void tearDown()
    {
        database.close();
    }

    @Test
    void expandsEachRoleToActiveUsers()
            throws Exception
    {
        assertThat(lookup.lookup("user", "alice")).contains(List.of("alice"));
        assertThat(lookup.lookup("user", "gone")).contains(List.of());
        assertThat(lookup.lookup("team", "ops")).contains(List.of("alice", "bob"));
        assertThat(lookup.lookup("manager", "ops")).contains(List.of("bob"));
        assertThat(lookup.lookup("manager", "headless")).contains(List.of());
        assertThat(lookup.lookup("mailing-list", "list")).contains(List.of("alice"));
    }

    @Test
    void otherRolesAndUnknownTargetsAreNotMine()
            throws Exception
    {
        assertThat(lookup.lookup("oncall-primary", "ops")).isEqualTo(Optional.empty());
        assertThat(lookup.lookup("team", "no-such-team")).isEmpty();
        assertThat(lookup.lookup("user", "nobody")).isEmpty();
        assertThat(lookup.lookup("team", "alice")).isEmpty();
    }

    @Test
    void rejectsSettings()
    {
        assertThatThrownBy(() -> new DatabaseRoleLookupFactory().create(new PluginConfig("database", Map.of("url", "x")), new PluginContext() {}))
                .isInstanceOf(PluginConfigException.class);
    }

    @Test
    void runsOnlyWithIrisOwnContext()
    {
        assertThatThrownBy(() -> new DatabaseRoleLookupFactory().create(new PluginConfig("database", Map.of()), new PluginContext() {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("database role lookup is built into Iris");
    }
}
