package dev.iris.db;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A process without {@code database.url} (and without {@code IRIS_DB_URL}) refuses to start with
 * one line that says what to set; it never starts a database of its own.
 */
final class DatabaseWithoutUrlTest
{
    @Test
    void openingWithoutAUrlSaysWhatToSet()
    {
        assumeTrue(System.getenv(DatabaseConfig.URL_ENVIRONMENT_VARIABLE) == null, "IRIS_DB_URL is set in this environment");

        assertThatThrownBy(() -> Database.open(new DatabaseConfig(), "test"))
                .isInstanceOf(DatabaseSetupException.class)
                .hasMessageStartingWith("database.url is not set: ")
                .hasMessageContaining("IRIS_DB_URL")
                .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aBlankUrlIsNoUrl()
    {
        assumeTrue(System.getenv(DatabaseConfig.URL_ENVIRONMENT_VARIABLE) == null, "IRIS_DB_URL is set in this environment");

        assertThat(new DatabaseConfig().setUrl("  ").configuredUrl()).isEmpty();
        assertThatThrownBy(() -> new DatabaseConfig().setUrl(" ").requiredUrl()).isInstanceOf(DatabaseSetupException.class);
    }

    @Test
    void theConfiguredUrlIsUsed()
    {
        assumeTrue(System.getenv(DatabaseConfig.URL_ENVIRONMENT_VARIABLE) == null, "IRIS_DB_URL is set in this environment");

        assertThat(new DatabaseConfig().setUrl("jdbc:mysql://db.example.com:3306/iris").requiredUrl()).isEqualTo("jdbc:mysql://db.example.com:3306/iris");
    }
}
