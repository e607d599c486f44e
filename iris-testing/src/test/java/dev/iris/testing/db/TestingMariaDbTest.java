package dev.iris.testing.db;

import dev.iris.db.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The test databases do not outlive their fixtures, or at the latest their JVM, on a shared server;
 * those of a JVM that could not clean up go at the next start.
 */
final class TestingMariaDbTest
{
    private static final Pattern DATABASE_NAME = Pattern.compile("jdbc:mysql://[^/]+/(iris_test_[0-9_]+)\\?");

    // A database of its own to look at the server from, so the checks do not depend on the ones dropped.
    private static Database probe;

    @BeforeAll
    static void start()
    {
        probe = TestingMariaDb.get().newDatabase();
    }

    @AfterAll
    static void stop()
    {
        probe.close();
    }

    @Test
    void dropDatabaseRemovesADatabaseItCreated()
    {
        String url = TestingMariaDb.get().newDatabaseUrl();
        assertThat(exists(url)).isTrue();

        TestingMariaDb.get().dropDatabase(url);

        assertThat(exists(url)).isFalse();
    }

    @Test
    void dropDatabaseRefusesADatabaseItDidNotCreate()
    {
        String url = TestingMariaDb.get().newDatabaseUrl();
        String other = url.replace("iris_test_", "iris_test_other_");

        assertThatThrownBy(() -> TestingMariaDb.get().dropDatabase(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a test database of this JVM");
        TestingMariaDb.get().dropDatabase(url);
        // Dropped once: a second drop is refused rather than silently repeated.
        assertThatThrownBy(() -> TestingMariaDb.get().dropDatabase(url)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestingMariaDb.URL_ENVIRONMENT_VARIABLE, matches = ".+")
    void aJvmThatExitsLeavesNoDatabaseBehind()
            throws IOException, InterruptedException
    {
        Path urlFile = Files.createTempFile("iris-test-database", ".url");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                CreateAndExit.class.getName(),
                urlFile.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        String url = Files.readString(urlFile).strip();
        Files.delete(urlFile);

        assertThat(url).matches(DATABASE_NAME.pattern() + ".*");
        assertThat(exists(url)).isFalse();
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestingMariaDb.URL_ENVIRONMENT_VARIABLE, matches = ".+")
    void databasesOfEndedJvmsAreDroppedButNotThoseOfLiveOnes()
            throws IOException, InterruptedException
    {
        Process ended = new ProcessBuilder("true").start();
        assertThat(ended.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String orphan = "iris_test_" + ended.pid() + "_1";
        String live = "iris_test_" + ProcessHandle.current().pid() + "_999999";
        probe.jdbi().useHandle(handle -> {
            handle.execute("CREATE DATABASE " + orphan);
            handle.execute("CREATE DATABASE " + live);
        });
        try {
            TestingMariaDb.get().dropDatabasesOfEndedProcesses();

            assertThat(schemaExists(orphan)).isFalse();
            assertThat(schemaExists(live)).isTrue();
        }
        finally {
            probe.jdbi().useHandle(handle -> {
                handle.execute("DROP DATABASE IF EXISTS " + orphan);
                handle.execute("DROP DATABASE IF EXISTS " + live);
            });
        }
    }

    private static boolean exists(String url)
    {
        Matcher matcher = DATABASE_NAME.matcher(url);
        assertThat(matcher.find()).as(url).isTrue();
        return schemaExists(matcher.group(1));
    }

    private static boolean schemaExists(String name)
    {
        return probe.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = :name")
                .bind("name", name)
                .mapTo(Integer.class).one() > 0);
    }

    /**
     * Creates a test database, writes its URL to the file named by the first argument and exits
     * without dropping it: the exit hook must.
     */
    public static final class CreateAndExit
    {
        public static void main(String[] args)
                throws IOException
        {
            Files.writeString(Path.of(args[0]), TestingMariaDb.get().newDatabaseUrl());
        }
    }
}
