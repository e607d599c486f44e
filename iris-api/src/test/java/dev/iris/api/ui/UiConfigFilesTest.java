package dev.iris.api.ui;

import dev.iris.api.IrisApiConfiguration;
import dev.iris.core.plugin.PluginRegistry;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

final class UiConfigFilesTest
{
    @ParameterizedTest
    @ValueSource(strings = {"iris-api.yaml", "iris-api.dev.yaml"})
    void shippedConfigsNameAnInstalledAuthenticator(String file)
            throws Exception
    {
        String root = System.getenv().getOrDefault("IRIS_TEST_ROOT", "..");
        YamlConfigurationFactory<IrisApiConfiguration> factory = new YamlConfigurationFactory<>(
                IrisApiConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        IrisApiConfiguration configuration = factory.build(
                new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)),
                Path.of(root, "configs", file).toString());
        assertThat(configuration.getAuth()).isPresent();
        assertThat(PluginRegistry.fromClasspath().authenticator(configuration.getAuth().get().getType())).isPresent();
        assertThat(configuration.getUi().getSessionLifetime().toHours()).isEqualTo(12);
    }
}
