package dev.iris.core.people;

import dev.iris.db.Database;
import dev.iris.spi.people.DirectoryUser;
import dev.iris.spi.people.IrisPeople;
import dev.iris.testing.db.TestingMariaDb;
import dev.iris.testing.seed.SeedWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's own contract; {@code LdapSyncTaskTest} (plugins/ldap) covers a whole sync.
 */
final class DatabasePeopleTest
{
    private Database database;
    private IrisPeople people;

    @BeforeEach
    void start()
    {
        database = TestingMariaDb.get().newDatabase();
        people = new DatabasePeople(database.jdbi());
    }

    @AfterEach
    void stop()
    {
        database.close();
    }

    @Test
    void upsertsUsersAndSkipsModesIrisDoesNotKnow()
    {
        people.upsertUsers(List.of(new DirectoryUser("alice", Map.of("email", "alice@example.com", "pager", "123"))));
        people.upsertUsers(List.of(new DirectoryUser("alice", Map.of("email", "alice@example.com"))));

        assertThat(people.activeUserNames()).containsExactly("alice");
        assertThat(count("SELECT COUNT(*) FROM target_contact")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM `user`")).isEqualTo(1);
    }

    @Test
    void membersAndManagersAreActiveUsersOnly()
    {
        people.upsertUsers(List.of(new DirectoryUser("alice", Map.of()), new DirectoryUser("bob", Map.of())));
        people.deactivateUsers(List.of("bob", "nobody"));

        people.upsertTeam("ops", Set.of("alice", "bob", "nobody"), Optional.of("bob"));
        people.upsertMailingList("ops@example.com", Set.of("alice", "bob"));

        assertThat(people.activeUserNames()).containsExactly("alice");
        assertThat(count("SELECT COUNT(*) FROM user_team")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM team WHERE manager_id IS NULL")).isEqualTo(1);
        assertThat(count("SELECT `count` FROM mailing_list")).isEqualTo(1);
    }

    @Test
    void aLaterUpsertMakesMembershipsMatchAndReactivatesUsers()
    {
        long carol = database.jdbi().withHandle(handle -> new SeedWriter(handle).user("carol", false, Map.of()));
        people.upsertUsers(List.of(new DirectoryUser("alice", Map.of())));
        people.upsertTeam("ops", Set.of("alice", "carol"), Optional.of("carol"));
        people.deactivateUsers(Set.of("carol"));

        people.upsertTeam("ops", Set.of("alice"), Optional.empty());
        people.upsertUsers(List.of(new DirectoryUser("carol", Map.of())));

        assertThat(people.activeUserNames()).containsExactlyInAnyOrder("alice", "carol");
        assertThat(count("SELECT COUNT(*) FROM user_team WHERE user_id = " + carol)).isZero();
        assertThat(count("SELECT COUNT(*) FROM team WHERE manager_id IS NULL")).isEqualTo(1);
    }

    private int count(String sql)
    {
        return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Integer.class).one());
    }
}
