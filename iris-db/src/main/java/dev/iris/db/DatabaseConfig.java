package dev.iris.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where Iris's database is: the MySQL/MariaDB server of {@code url}, or of the {@code IRIS_DB_URL}
 * environment variable, which wins. A production process never starts a database of its own
 * ({@code ./iris dev} and the tests start an embedded MariaDB and pass its URL).
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

    /**
     * The configured JDBC URL, the environment's override first; empty when neither is set.
     */
    public Optional<String> configuredUrl()
    {
        String fromEnvironment = System.getenv(URL_ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(fromEnvironment.trim());
        }
        return Optional.ofNullable(url).filter(value -> !value.isBlank());
    }

    /**
     * The configured JDBC URL, the environment's override first.
     *
     * @throws DatabaseSetupException when neither is set
     */
    public String requiredUrl()
    {
        return configuredUrl().orElseThrow(() -> new DatabaseSetupException("database.url is not set: put the JDBC URL of Iris's MySQL/MariaDB database "
                + "in the config's database.url or in the " + URL_ENVIRONMENT_VARIABLE + " environment variable"));
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
}
