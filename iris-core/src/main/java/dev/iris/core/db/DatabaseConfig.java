package dev.iris.core.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where Iris's database is. With a {@code url} (or the {@code IRIS_DB_URL} environment variable)
 * Iris uses that MySQL/MariaDB server; without one it starts (or joins) an embedded MariaDB whose
 * data lives in {@link EmbeddedConfig#getDataDir()}.
 */
public class DatabaseConfig
{
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.seconds(5);

    /** Environment variable that overrides {@code database.url}. */
    public static final String URL_ENVIRONMENT_VARIABLE = "IRIS_DB_URL";

    @JsonProperty
    private String url;

    @JsonProperty
    private String user = "root";

    @JsonProperty
    private String password = "";

    @Min(1)
    @JsonProperty
    private int maxPoolSize = 10;

    /**
     * How long a request waits for a pooled connection before it fails (the API answers 503
     * with Retry-After). Short, so a client hears that the database is gone in seconds and
     * retries, instead of hanging; Hikari's own default is 30 s.
     */
    @NotNull
    @MinDuration(value = 250, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;

    @Valid
    @NotNull
    @JsonProperty
    private EmbeddedConfig embedded = new EmbeddedConfig();

    /**
     * The configured JDBC URL, the environment's override first; empty when Iris should use its
     * embedded MariaDB.
     */
    public Optional<String> configuredUrl()
    {
        String fromEnvironment = System.getenv(URL_ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(fromEnvironment.trim());
        }
        return Optional.ofNullable(url).filter(value -> !value.isBlank());
    }

    public DatabaseConfig setUrl(String url)
    {
        this.url = url;
        return this;
    }

    public String getUser()
    {
        return user;
    }

    public DatabaseConfig setUser(String user)
    {
        this.user = user;
        return this;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public String getPassword()
    {
        return password;
    }

    public DatabaseConfig setPassword(String password)
    {
        this.password = password;
        return this;
    }

    public int getMaxPoolSize()
    {
        return maxPoolSize;
    }

    public DatabaseConfig setMaxPoolSize(int maxPoolSize)
    {
        this.maxPoolSize = maxPoolSize;
        return this;
    }

    public Duration getConnectionTimeout()
    {
        return connectionTimeout;
    }

    public DatabaseConfig setConnectionTimeout(Duration connectionTimeout)
    {
        this.connectionTimeout = connectionTimeout;
        return this;
    }

    public EmbeddedConfig getEmbedded()
    {
        return embedded;
    }

    /**
     * The embedded MariaDB used when no URL is configured.
     */
    public static class EmbeddedConfig
    {
        @NotNull
        @JsonProperty
        private String dataDir = ".iris/mariadb";

        @Min(1)
        @JsonProperty
        private int port = 3307;

        @NotNull
        @JsonProperty
        private String databaseName = "iris";

        public String getDataDir()
        {
            return dataDir;
        }

        public EmbeddedConfig setDataDir(String dataDir)
        {
            this.dataDir = dataDir;
            return this;
        }

        public int getPort()
        {
            return port;
        }

        public EmbeddedConfig setPort(int port)
        {
            this.port = port;
            return this;
        }

        public String getDatabaseName()
        {
            return databaseName;
        }

        public EmbeddedConfig setDatabaseName(String databaseName)
        {
            this.databaseName = databaseName;
            return this;
        }
    }
}
