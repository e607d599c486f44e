package dev.iris.db;

import com.codahale.metrics.health.HealthCheck;

import static java.util.Objects.requireNonNull;

/**
 * Healthy when the database answers a trivial query.
 */
public final class DatabaseHealthCheck
        extends HealthCheck
{
    private final Database database;

    public DatabaseHealthCheck(Database database)
    {
        this.database = requireNonNull(database, "database is null");
    }

    @Override
    protected Result check()
    {
        try {
            String version = database.jdbi().withHandle(handle -> handle.createQuery("SELECT VERSION()").mapTo(String.class).one());
            return Result.healthy("database " + version);
        }
        catch (RuntimeException e) {
            return Result.unhealthy("Could not connect to database: " + e.getMessage());
        }
    }
}
