package dev.iris.plugin.ldap;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.iris.core.plugin.CoreServices;
import dev.iris.db.Database;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.task.PeriodicTask;
import dev.iris.testing.db.TestingMariaDb;
import dev.iris.testing.seed.SeedWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class LdapSyncTaskTest
{
    private TestingDirectory directory;
    private Database database;

    @BeforeEach
    void start()
            throws Exception
    {
        directory = new TestingDirectory();
        database = TestingMariaDb.get().newDatabase();
    }

    @AfterEach
    void stop()
    {
        directory.close();
        database.close();
    }

    @Test
    void createsUsersWithContactsTeamsAndMailingLists()
            throws Exception
    {
        PeriodicTask task = task(Map.of("interval_seconds", "600"));
        assertThat(task.interval()).isEqualTo(Duration.ofMinutes(10));

        task.run();

        assertThat(activeUsers()).containsExactlyInAnyOrder("alice", "bob", "carol", "dave", "erin");
        assertThat(contacts("alice")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "email", "alice@example.com", "sms", "+14155550101", "call", "+14155550101"));
        assertThat(contacts("bob")).containsEntry("sms", "+14155550102");
        assertThat(contacts("carol")).containsOnlyKeys("email");
        assertThat(contacts("dave")).containsExactlyInAnyOrderEntriesOf(Map.of("sms", "+442079460958", "call", "+442079460958"));
        assertThat(contacts("erin")).containsOnlyKeys("email");
        assertThat(teamMembers("db-team")).containsExactlyInAnyOrder("alice", "bob");
        assertThat(teamManager("db-team")).isEqualTo("carol");
        assertThat(teamMembers("web-team")).containsExactlyInAnyOrder("alice", "bob", "erin");
        assertThat(listMembers("db@example.com")).containsExactlyInAnyOrder("alice", "dave");
        assertThat(count("SELECT ml.`count` FROM mailing_list ml JOIN target t ON t.id = ml.target_id WHERE t.name = 'db@example.com'")).isEqualTo(2);
    }

    @Test
    void followsDirectoryChangesAndIsIdempotent()
            throws Exception
    {
        PeriodicTask task = task(Map.of());
        task.run();
        database.jdbi().useHandle(handle -> handle.execute("""
                UPDATE target_contact tc JOIN target t ON t.id = tc.target_id JOIN mode m ON m.id = tc.mode_id
                SET tc.disabled = 1 WHERE t.name IN ('alice', 'bob') AND m.name = 'sms'"""));
        directory.server().modify("uid=alice," + TestingDirectory.PEOPLE, new Modification(ModificationType.REPLACE, "mobile", "+1 415 555 0199"));
        directory.server().modify("cn=db-team,ou=groups," + TestingDirectory.BASE,
                new Modification(ModificationType.DELETE, "member", "uid=bob," + TestingDirectory.PEOPLE),
                new Modification(ModificationType.ADD, "member", "uid=dave," + TestingDirectory.PEOPLE),
                new Modification(ModificationType.REPLACE, "owner", "uid=alice," + TestingDirectory.PEOPLE));

        task.run();
        task.run();

        assertThat(contacts("alice")).containsEntry("sms", "+14155550199");
        assertThat(smsDisabled("alice")).isFalse();
        assertThat(smsDisabled("bob")).isTrue();
        assertThat(teamMembers("db-team")).containsExactlyInAnyOrder("alice", "dave");
        assertThat(teamManager("db-team")).isEqualTo("alice");
        assertThat(count("SELECT COUNT(*) FROM target")).isEqualTo(5 + 2 + 1);
    }

    @Test
    void deactivatesUsersMissingFromTheDirectoryOnlyWhenAsked()
            throws Exception
    {
        database.jdbi().useHandle(handle -> new SeedWriter(handle).user("local-admin", true, Map.of()));

        task(Map.of()).run();
        assertThat(activeUsers()).contains("local-admin");

        task(Map.of("deactivate_missing_users", "true")).run();
        assertThat(activeUsers()).doesNotContain("local-admin").contains("alice");
    }

    @Test
    void directoryFailureChangesNothing()
    {
        PeriodicTask task = task(Map.of("timeout", "2"));
        directory.close();

        assertThatThrownBy(task::run).hasMessageNotContaining(TestingDirectory.SERVICE_PASSWORD);
        assertThat(count("SELECT COUNT(*) FROM target")).isZero();
    }

    private PeriodicTask task(Map<String, String> overrides)
    {
        Map<String, String> settings = new HashMap<>(directory.directorySettings());
        settings.putAll(overrides);
        return new LdapSyncTaskFactory().create(new PluginConfig("ldap-sync-test", settings), new CoreServices(Clock.systemUTC(), database.jdbi()));
    }

    private List<String> activeUsers()
    {
        return database.jdbi().withHandle(handle -> handle.createQuery("""
                SELECT t.name FROM target t JOIN `user` u ON u.target_id = t.id WHERE t.active = 1""")
                .mapTo(String.class).list());
    }

    private Map<String, String> contacts(String username)
    {
        Map<String, String> contacts = new HashMap<>();
        database.jdbi().useHandle(handle -> handle.createQuery("""
                        SELECT m.name AS mode, tc.destination FROM target_contact tc
                        JOIN target t ON t.id = tc.target_id JOIN mode m ON m.id = tc.mode_id
                        WHERE t.name = :name""")
                .bind("name", username)
                .map((rows, context) -> contacts.put(rows.getString("mode"), rows.getString("destination")))
                .list());
        return contacts;
    }

    private boolean smsDisabled(String username)
    {
        return database.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT tc.disabled FROM target_contact tc JOIN target t ON t.id = tc.target_id JOIN mode m ON m.id = tc.mode_id
                        WHERE t.name = :name AND m.name = 'sms'""")
                .bind("name", username).mapTo(Boolean.class).one());
    }

    private List<String> teamMembers(String team)
    {
        return database.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT u.name FROM user_team ut JOIN target u ON u.id = ut.user_id JOIN target t ON t.id = ut.team_id
                        WHERE t.name = :team""")
                .bind("team", team).mapTo(String.class).list());
    }

    private String teamManager(String team)
    {
        return database.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT m.name FROM team tm JOIN target t ON t.id = tm.target_id JOIN target m ON m.id = tm.manager_id
                        WHERE t.name = :team""")
                .bind("team", team).mapTo(String.class).one());
    }

    private List<String> listMembers(String list)
    {
        return database.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT u.name FROM mailing_list_membership mlm JOIN target u ON u.id = mlm.user_id JOIN target l ON l.id = mlm.list_id
                        WHERE l.name = :list""")
                .bind("list", list).mapTo(String.class).list());
    }

    private int count(String sql)
    {
        Integer count = database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Integer.class).one());
        return count;
    }
}
