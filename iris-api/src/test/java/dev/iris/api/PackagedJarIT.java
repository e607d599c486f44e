package dev.iris.api;

import dev.iris.testing.PackagedJar;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded iris-api jar, as production runs it, holds every class Iris's code refers to. Runs
 * in the integration-test phase (failsafe), after the jar is built; the unit tests cannot see a
 * library that only the test classpath provides.
 */
final class PackagedJarIT
{
    private final PackagedJar jar = PackagedJar.fromSystemProperty("iris.packagedJar");

    @Test
    void localLoginsBcryptIsPackaged()
    {
        // POST /login with local accounts verifies the password with bcrypt.
        assertThat(jar.containsClass("at.favre.lib.crypto.bcrypt.BCrypt")).isTrue();
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
}
