package dev.iris.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.iris.db.DatabaseConfig;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * What every Iris process's YAML has: the database. The API, sender and relay configurations
 * extend it.
 */
public class IrisBaseConfiguration
        extends Configuration
{
    @Valid
    @NotNull
    @JsonProperty
    private DatabaseConfig database = new DatabaseConfig();

    public DatabaseConfig getDatabase()
    {
        return database;
    }

    public void setDatabase(DatabaseConfig database)
    {
        this.database = database;
    }
}
