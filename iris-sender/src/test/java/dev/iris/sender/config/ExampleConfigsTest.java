package dev.iris.sender.config;

import dev.iris.sender.IrisSenderConfiguration;
import dev.iris.testing.config.ExampleConfigs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class ExampleConfigsTest
{
    @Test
    void everyExampleSenderConfigLoadsAndValidates()
            throws Exception
    {
        List<Path> files = ExampleConfigs.forProcess("iris-sender");

        assertThat(files).extracting(file -> file.getFileName().toString()).contains("iris-sender.yaml", "iris-sender.dev.yaml");
        for (Path file : files) {
            IrisSenderConfiguration configuration = ExampleConfigs.load(IrisSenderConfiguration.class, file);
            assertThat(configuration.getDatabase()).as(file.toString()).isNotNull();
        }
    }
}
