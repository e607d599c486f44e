package dev.iris.testing.config;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The example configurations in the repository's {@code configs/} folder, loaded exactly as a
 * process loads its YAML: environment variables substituted ({@code ${VAR:-default}}), then bound
 * and validated by Dropwizard.
 */
public final class ExampleConfigs
{
    private ExampleConfigs() {}

    /**
     * {@code configs/<process>.yaml} and every {@code configs/<process>.*.yaml}.
     */
    public static List<Path> forProcess(String process)
    {
        Path configs = root().resolve("configs");
        try (Stream<Path> files = Files.list(configs)) {
            return files
                    .filter(file -> {
                        String name = file.getFileName().toString();
                        return name.equals(process + ".yaml") || (name.startsWith(process + ".") && name.endsWith(".yaml"));
                    })
                    .sorted()
                    .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list " + configs, e);
        }
    }

    /**
     * The production config of a process, {@code configs/<process>.yaml}.
     */
    public static Path production(String process)
    {
        return root().resolve("configs").resolve(process + ".yaml");
    }

    /**
     * Loads and validates one file; throws Dropwizard's exception naming every problem.
     */
    public static <T> T load(Class<T> type, Path file)
            throws Exception
    {
        YamlConfigurationFactory<T> factory = new YamlConfigurationFactory<>(type, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        return factory.build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)),
                file.toString());
    }

    private static Path root()
    {
        String root = System.getenv("IRIS_TEST_ROOT");
        if (root != null && !root.isBlank()) {
            return Path.of(root);
        }
        // Run from a module directory (an IDE): the repository is its parent.
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("configs")) ? here : here.getParent();
    }
}
