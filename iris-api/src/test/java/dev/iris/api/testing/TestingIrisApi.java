package dev.iris.api.testing;

import dev.iris.api.IrisApiApplication;
import dev.iris.api.IrisApiConfiguration;
import dev.iris.testing.db.TestingMariaDb;
import dev.iris.testing.seed.SeedWriter;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A real iris-api on a random port over a fresh, migrated test database. Close it when done.
 *
 * <pre>
 * try (TestingIrisApi api = TestingIrisApi.start()) {
 *     api.seed(seed -> seed.application("app", "key", false, List.of("title")));
 *     assertThat(api.client("app", "key").get("/v0/plans?limit=1").status()).isEqualTo(200);
 * }
 * </pre>
 */
public final class TestingIrisApi
        implements AutoCloseable
{
    // Other modules use this class from iris-api's test-jar, where the YAML is inside a jar:
    // Dropwizard needs a file, so copy it out once.
    private static final String CONFIG_FILE = copyConfigToFile("iris-api-test.yaml");

    private final DropwizardTestSupport<IrisApiConfiguration> support;
    private final String databaseUrl;

    private TestingIrisApi(DropwizardTestSupport<IrisApiConfiguration> support, String databaseUrl)
    {
        this.support = support;
        this.databaseUrl = databaseUrl;
    }

    public static TestingIrisApi start(ConfigOverride... overrides)
    {
        return start(UnaryOperator.identity(), overrides);
    }

    /**
     * Starts the API on a fresh database whose URL {@code apiDatabaseUrl} rewrites for the API
     * (to reach it through a {@code TcpProxy}, say).
     */
    public static TestingIrisApi start(UnaryOperator<String> apiDatabaseUrl, ConfigOverride... overrides)
    {
        return start(IrisApiApplication.class, CONFIG_FILE, apiDatabaseUrl, overrides);
    }

    /**
     * Starts another application built on iris-api ({@code ./iris dev}'s, with the dev pages).
     */
    public static TestingIrisApi start(Class<? extends IrisApiApplication> application, ConfigOverride... overrides)
    {
        return start(application, CONFIG_FILE, UnaryOperator.identity(), overrides);
    }

    /**
     * Starts the API with another YAML file of the test classpath than {@code iris-api-test.yaml}
     * (for what overrides cannot add, such as appenders).
     */
    public static TestingIrisApi startWithConfig(String resource, ConfigOverride... overrides)
    {
        return start(IrisApiApplication.class, copyConfigToFile(resource), UnaryOperator.identity(), overrides);
    }

    private static TestingIrisApi start(Class<? extends IrisApiApplication> application, String configFile, UnaryOperator<String> apiDatabaseUrl,
            ConfigOverride... overrides)
    {
        TestingMariaDb mariaDb = TestingMariaDb.get();
        String databaseUrl = mariaDb.newDatabaseUrl();
        ConfigOverride[] all = new ConfigOverride[overrides.length + 3];
        all[0] = ConfigOverride.config("database.url", apiDatabaseUrl.apply(databaseUrl));
        all[1] = ConfigOverride.config("database.user", mariaDb.user());
        all[2] = ConfigOverride.config("database.password", mariaDb.password());
        System.arraycopy(overrides, 0, all, 3, overrides.length);
        DropwizardTestSupport<IrisApiConfiguration> support = new DropwizardTestSupport<>(
                application, configFile, all);
        try {
            support.before();
        }
        catch (Exception e) {
            throw new IllegalStateException("iris-api did not start: " + e.getMessage(), e);
        }
        return new TestingIrisApi(support, databaseUrl);
    }

    public URI baseUri()
    {
        return URI.create("http://localhost:" + support.getLocalPort());
    }

    public URI adminUri()
    {
        return URI.create("http://localhost:" + support.getAdminPort());
    }

    public Jdbi jdbi()
    {
        return ((IrisApiApplication) support.getApplication()).injector().getInstance(Jdbi.class);
    }

    /**
     * Writes fixture data in one transaction.
     */
    public void seed(Consumer<SeedWriter> writer)
    {
        jdbi().useTransaction(handle -> writer.accept(new SeedWriter(handle)));
    }

    /**
     * A service or other binding of the running API.
     */
    public <T> T instance(Class<T> type)
    {
        return ((IrisApiApplication) support.getApplication()).injector().getInstance(type);
    }

    /**
     * A client that signs every request as {@code application} with {@code key}.
     */
    public IrisTestClient client(String application, String key)
    {
        return IrisTestClient.signedAs(baseUri(), application, key);
    }

    /**
     * A client that sends no credentials.
     */
    public IrisTestClient anonymous()
    {
        return IrisTestClient.anonymous(baseUri());
    }

    @Override
    public void close()
    {
        support.after();
        TestingMariaDb.get().dropDatabase(databaseUrl);
    }

    private static String copyConfigToFile(String resource)
    {
        try (InputStream in = TestingIrisApi.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            Path file = Files.createTempFile("iris-api-test", ".yaml");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file.toString();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
