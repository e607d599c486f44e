package dev.iris.api.bootstrap;

import dev.iris.core.login.LocalAuthenticator;
import dev.iris.core.login.LocalPasswordDao;
import dev.iris.db.Database;
import dev.iris.testing.db.TestingMariaDb;
import dev.iris.testing.seed.SeedWriter;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class FirstDeploymentTest
{
    private Database database;
    private Jdbi jdbi;

    @BeforeEach
    void setUp()
    {
        database = TestingMariaDb.get().newDatabase();
        jdbi = database.jdbi();
    }

    @AfterEach
    void tearDown()
    {
        database.close();
    }

    @Test
    void createsIrisOwnApplicationsAndAnAdminWithAOneTimePassword()
    {
        FirstDeployment.Result result = new FirstDeployment(jdbi).bootstrap("ops-lead", "lead@example.com");

        assertThat(result.relayKey()).hasValueSatisfying(key -> assertThat(key).matches("[0-9a-f]{64}"));
        assertThat(result.internalKey()).hasValueSatisfying(key -> assertThat(key).matches("[0-9a-f]{64}").isNotEqualTo(result.relayKey().get()));
        assertThat(query("SELECT `key` FROM application WHERE name = 'iris-relay'")).containsExactly(result.relayKey().get());
        assertThat(query("SELECT allow_authenticating_users FROM application WHERE name = 'iris'")).containsExactly("1");
        assertThat(query("SELECT allow_authenticating_users FROM application WHERE name = 'iris-relay'")).containsExactly("0");
        assertThat(query("""
                SELECT m.name FROM application_mode am JOIN application a ON a.id = am.application_id JOIN mode m ON m.id = am.mode_id
                WHERE a.name = 'iris' ORDER BY m.name""")).contains("email", "sms").doesNotContain("drop");

        String password = result.adminPassword().orElseThrow();
        assertThat(password).hasSize(20);
        assertThat(new LocalAuthenticator(jdbi.onDemand(LocalPasswordDao.class)).authenticate("ops-lead", password.toCharArray())).isTrue();
        assertThat(query("""
                SELECT CONCAT(u.admin, u.password_change_required) FROM `user` u JOIN target t ON t.id = u.target_id
                WHERE t.name = 'ops-lead'""")).containsExactly("11");
        assertThat(query("""
                SELECT c.destination FROM target_contact c JOIN target t ON t.id = c.target_id JOIN mode m ON m.id = c.mode_id
                WHERE t.name = 'ops-lead' AND m.name = 'email'""")).containsExactly("lead@example.com");

        List<String> report = FirstDeployment.report("ops-lead", result);
        assertThat(String.join("\n", report))
                .contains("IRIS_RELAY_KEY=" + result.relayKey().get())
                .contains("IRIS_KEY=" + result.internalKey().get())
                .contains("  " + password);
    }

    @Test
    void aSecondRunChangesNothingAndShowsNoSecret()
    {
        new FirstDeployment(jdbi).bootstrap("ops-lead", null);
        List<String> before = query("SELECT CONCAT(name, ':', `key`) FROM application ORDER BY name");
        List<String> hashBefore = query("SELECT password_hash FROM `user`");

        FirstDeployment.Result again = new FirstDeployment(jdbi).bootstrap("ops-lead", null);

        assertThat(again.changedNothing()).isTrue();
        assertThat(query("SELECT CONCAT(name, ':', `key`) FROM application ORDER BY name")).isEqualTo(before);
        assertThat(query("SELECT password_hash FROM `user`")).isEqualTo(hashBefore);
        assertThat(FirstDeployment.report("ops-lead", again)).singleElement().asString().startsWith("Nothing to do");
    }

    @Test
    void anExistingUserIsMadeAdminWithoutTouchingTheirPassword()
    {
        jdbi.useHandle(handle -> new SeedWriter(handle).user("carol", false, Map.of()));

        FirstDeployment.Result result = new FirstDeployment(jdbi).bootstrap("carol", null);

        assertThat(result.madeAdmin()).isTrue();
        assertThat(result.adminPassword()).isEmpty();
        assertThat(query("SELECT u.admin FROM `user` u JOIN target t ON t.id = u.target_id WHERE t.name = 'carol'")).containsExactly("1");
        assertThat(FirstDeployment.report("carol", result)).anySatisfy(line -> assertThat(line).contains("carol already existed and is now an admin"));
    }

    @Test
    void refusesTheNameOfATeam()
    {
        jdbi.useHandle(handle -> new SeedWriter(handle).team("sre", List.of()));

        assertThatThrownBy(() -> new FirstDeployment(jdbi).bootstrap("sre", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sre' is already the name of a team");
        assertThat(query("SELECT name FROM application")).as("nothing half-done").isEmpty();
    }

    private List<String> query(String sql)
    {
        return jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(String.class).list());
    }
}
