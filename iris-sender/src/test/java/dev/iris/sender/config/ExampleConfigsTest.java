package dev.iris.sender.config;

import dev.iris.sender.IrisSenderConfiguration;
import dev.iris.sender.SenderConfig;
import dev.iris.sender.dispatch.DispatchRules;
import dev.iris.sender.storm.DefaultQuota;
import dev.iris.testing.config.ExampleConfigs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    @Test
    void dispatchRulesDefaultToIrisBehaviour()
            throws Exception
    {
        assertThat(new SenderConfig().dispatchRules()).isEqualTo(DispatchRules.irisDefaults());
        assertThat(DispatchRules.irisDefaults().defaultQuota()).contains(new DefaultQuota(6000, 600, Duration.ofMinutes(1),
                Duration.ofMinutes(1), Duration.ofSeconds(3600), Optional.empty()));
        Path production = ExampleConfigs.forProcess("iris-sender").stream()
                .filter(file -> file.getFileName().toString().equals("iris-sender.yaml"))
                .findFirst().orElseThrow();
        assertThat(ExampleConfigs.load(IrisSenderConfiguration.class, production).getSender().dispatchRules())
                .isEqualTo(DispatchRules.irisDefaults());
    }
}
