package dev.iris.db;

import dev.iris.testing.db.TestingMariaDb;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class MigrationsTest
{
    @Test
    void migrationsBuildTheSchemaWithReferenceData()
    {
        try (Database database = TestingMariaDb.get().newDatabase()) {
            List<String> modes = database.jdbi().withHandle(handle -> handle.createQuery("SELECT name FROM mode ORDER BY id").mapTo(String.class).list());
            // V1's modes first; later migrations add plugin modes (V40: webhook, V140: ntfy, V141: telegram, V142: mattermost, V143: teams).
            assertThat(modes).startsWith("call", "email", "slack", "sms", "drop").contains("webhook", "ntfy", "telegram", "mattermost", "teams");
            List<String> priorities = database.jdbi().withHandle(handle -> handle.createQuery("SELECT name FROM priority ORDER BY id").mapTo(String.class).list());
            assertThat(priorities).containsExactly("urgent", "high", "medium", "low");
            // A second migrate finds nothing to do, and validation passes.
            assertThat(Migrations.migrate(database.dataSource())).isZero();
            Migrations.validate(database.dataSource());
        }
    }

    @Test
    void sessionsRunInUtcUnderStrictGroupBy()
    {
        try (Database database = TestingMariaDb.get().newDatabase()) {
            String zone = database.jdbi().withHandle(handle -> handle.createQuery("SELECT @@session.time_zone").mapTo(String.class).one());
            assertThat(zone).isEqualTo("+00:00");
            // ONLY_FULL_GROUP_BY is on: a non-aggregated column outside GROUP BY is an error.
            assertThatThrownBy(() -> database.jdbi().useHandle(handle ->
                    handle.createQuery("SELECT name, COUNT(*) FROM mode GROUP BY id = 1").mapToMap().list()))
                    .hasMessageContaining("GROUP BY");
        }
    }

    @Test
    void storesFourByteCharacters()
    {
        try (Database database = TestingMariaDb.get().newDatabase()) {
            database.jdbi().useHandle(handle -> handle.execute("INSERT INTO target (name, type_id) VALUES (?, 1)", "pager 🚨"));
            String name = database.jdbi().withHandle(handle -> handle.createQuery("SELECT name FROM target").mapTo(String.class).one());
            assertThat(name).isEqualTo("pager 🚨");
        }
    }

    @Test
    void redactsPasswordsInUrls()
    {
        assertThat(Database.redact("jdbc:mysql://h/iris?user=x&password=hunter2&ssl=1"))
                .isEqualTo("jdbc:mysql://h/iris?user=x&password=***&ssl=1");
    }
}
