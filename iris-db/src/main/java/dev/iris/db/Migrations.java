package dev.iris.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

import java.util.List;

/**
 * Iris's schema, built by the Flyway migrations in the top-level {@code db/migration} folder
 * (shipped on iris-core's classpath). Forward-only: a migration is never edited once committed.
 */
public final class Migrations
{
    private Migrations() {}

    private static Flyway flyway(DataSource dataSource)
    {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                // Migrations written on parallel branches may land with lower version numbers
                // than ones already applied to a dev database; apply them instead of failing.
                .outOfOrder(true)
                .load();
    }

    /**
     * Applies every pending migration; returns how many ran.
     */
    public static int migrate(DataSource dataSource)
    {
        return apply(dataSource).size();
    }

    /**
     * Applies every pending migration; returns what ran, in order, as "version description".
     */
    public static List<String> apply(DataSource dataSource)
    {
        MigrateResult result = flyway(dataSource).migrate();
        return result.migrations.stream()
                .map(migration -> "V" + migration.version + " " + migration.description)
                .toList();
    }

    /**
     * Fails when the database's schema does not match this build's migrations, so a process never
     * runs against a schema it does not understand.
     */
    public static void validate(DataSource dataSource)
    {
        flyway(dataSource).validate();
    }
}
