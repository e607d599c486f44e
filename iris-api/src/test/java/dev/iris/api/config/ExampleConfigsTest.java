package dev.iris.api.config;

import dev.iris.api.IrisApiConfiguration;
import dev.iris.testing.config.ExampleConfigs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class ExampleConfigsTest
{
    @Test
    void everyExampleApiConfigLoadsAndValidates()
            throws Exception
    {
        List<Path> files = ExampleConfigs.forProcess("iris-api");

        assertThat(files).extracting(file -> file.getFileName().toString()).contains("iris-api.yaml", "iris-api.dev.yaml");
        for (Path file : files) {
            IrisApiConfiguration configuration = ExampleConfigs.load(IrisApiConfiguration.class, file);
            assertThat(configuration.getDatabase()).as(file.toString()).isNotNull();
            assertThat(configuration.getRetention().getBatchSize()).as(file.toString()).isPositive();
        }
    }

    @Test
    void jsonLogLayoutAndRetentionSettingsLoad()
            throws Exception
    {
        Path file = Path.of(ExampleConfigsTest.class.getResource("/config/json-logging.yaml").toURI());

        IrisApiConfiguration configuration = ExampleConfigs.load(IrisApiConfiguration.class, file);

        assertThat(configuration.getLoggingFactory()).isNotNull();
        assertThat(configuration.getRetention().getMaxAge().toDays()).isEqualTo(90);
        assertThat(configuration.getRetention().getArchiveDirectory()).isEqualTo("/var/lib/iris/archive");
    }

    @Test
    void productionConfigTakesTheDatabaseFromTheEnvironmentWithADefault()
            throws Exception
    {
        IrisApiConfiguration configuration = ExampleConfigs.load(IrisApiConfiguration.class, ExampleConfigs.forProcess("iris-api").stream()
                .filter(file -> file.getFileName().toString().equals("iris-api.yaml")).findFirst().orElseThrow());

        String expected = System.getenv().getOrDefault("IRIS_DB_URL", "jdbc:mysql://127.0.0.1:3306/iris");
        assertThat(configuration.getDatabase().configuredUrl()).contains(expected);
    }
}
