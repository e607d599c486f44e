package dev.iris.relay.config;

import dev.iris.relay.IrisRelayConfiguration;
import dev.iris.testing.config.ExampleConfigs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class ExampleConfigsTest
{
    @Test
    void everyExampleRelayConfigLoadsAndValidates()
            throws Exception
    {
        List<Path> files = ExampleConfigs.forProcess("iris-relay");

        assertThat(files).extracting(file -> file.getFileName().toString()).contains("iris-relay.yaml", "iris-relay.dev.yaml");
        for (Path file : files) {
            assertThat(ExampleConfigs.load(IrisRelayConfiguration.class, file)).as(file.toString()).isNotNull();
        }
    }
}
