package dev.iris.testing;

import dev.iris.testing.config.ExampleConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every shaded jar of a process must hold, checked by each module's {@code PackagedJarIT}
 * (failsafe, after the package phase): every class Iris's code refers to and every registered
 * service implementation is in it, nothing of development or tests is, it stays within its size
 * (README, "Processes"), and it checks its production config. A subclass adds what its process
 * does when it runs.
 */
public abstract class PackagedJarContract
{
    /** What no production jar carries: the embedded MariaDB, test and dev code, native JNA, build metadata. */
    private static final List<String> NEVER = List.of(
            "ch/vorburger/",
            "dev/iris/testing/",
            "dev/iris/dev/",
            "dev/iris/plugin/devinbox/",
            "org/junit/",
            "org/assertj/",
            "com/sun/jna/",
            "META-INF/maven/");

    protected final PackagedJar jar = PackagedJar.fromSystemProperty("iris.packagedJar");

    @TempDir
    protected Path directory;

    /**
     * The size target, in MiB.
     */
    protected abstract double maxMegabytes();

    /**
     * The process whose {@code configs/<process>.yaml} the jar's {@code check} command must
     * accept; null for a jar without that command.
     */
    protected abstract String process();

    /**
     * Entry name prefixes this jar must not carry besides those no production jar carries.
     */
    protected List<String> forbiddenPrefixes()
    {
        return List.of();
    }

    @Test
    void everyClassIrisCodeRefersToIsPackaged()
    {
        assertThat(jar.unresolvedReferences("dev/iris/")).isEmpty();
    }

    @Test
    void everyServiceLoaderRegistrationNamesAPackagedClass()
    {
        assertThat(jar.missingServiceImplementations()).isEmpty();
    }

    @Test
    void staysWithinItsSize()
    {
        assertThat(jar.sizeInMegabytes()).isLessThanOrEqualTo(maxMegabytes());
    }

    @Test
    void carriesNothingItMustNot()
    {
        List<String> forbidden = new ArrayList<>(NEVER);
        forbidden.addAll(forbiddenPrefixes());

        assertThat(jar.entriesUnder(forbidden.toArray(String[]::new))).isEmpty();
    }

    @Test
    void checksTheProductionConfig()
    {
        assumeTrue(process() != null, "this jar has no check command");

        PackagedJar.Run check = jar.run(Duration.ofMinutes(2), directory, Map.of(), "check", ExampleConfigs.production(process()).toString());

        // The exit status, not the log line: Dropwizard's asynchronous console appender can lose
        // "Configuration is OK" when the JVM ends right after it.
        assertThat(check.exitCode()).as(check.output()).isZero();
    }
}
