package dev.iris.core.login;

import dev.iris.core.plugin.CoreServices;
import dev.iris.db.Database;
import dev.iris.spi.Authenticator;
import dev.iris.spi.IrisPlugin;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;
import dev.iris.testing.db.TestingMariaDb;
import dev.iris.testing.seed.SeedWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class LocalAuthenticatorTest
{
    private static Database database;
    private static Authenticator authenticator;

    @BeforeAll
    static void createUsers()
    {
        database = TestingMariaDb.get().newDatabase();
        // Cost 4 keeps the test fast; verification reads the cost from the hash.
        String hash = at.favre.lib.crypto.bcrypt.BCrypt.withDefaults().hashToString(4, "correct horse".toCharArray());
        database.jdbi().useHandle(handle -> {
            SeedWriter seed = new SeedWriter(handle);
            seed.password(seed.user("alice", false, Map.of()), hash);
            seed.user("ldap-only", false, Map.of());
            seed.password(seed.user("gone", false, Map.of()), hash);
            handle.execute("UPDATE target SET active = 0 WHERE name = 'gone'");
        });
        authenticator = create(Map.of());
    }

    @AfterAll
    static void dropDatabase()
    {
        database.close();
    }

    @Test
    void isRegisteredAsAPlugin()
    {
        assertThat(ServiceLoader.load(IrisPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(plugin -> plugin.getAuthenticatorFactories().stream())
                .map(factory -> factory.getName()))
                .contains("local");
    }

    @Test
    void acceptsTheRightPasswordOnly()
    {
        assertThat(authenticator.authenticate("alice", "correct horse".toCharArray())).isTrue();
        assertThat(authenticator.authenticate("alice", "correct horse ".toCharArray())).isFalse();
        assertThat(authenticator.authenticate("alice", new char[0])).isFalse();
    }

    @Test
    void refusesUnknownInactiveAndPasswordlessUsers()
    {
        assertThat(authenticator.authenticate("nobody", "correct horse".toCharArray())).isFalse();
        assertThat(authenticator.authenticate("gone", "correct horse".toCharArray())).isFalse();
        assertThat(authenticator.authenticate("ldap-only", "correct horse".toCharArray())).isFalse();
    }

    @Test
    void hashesVerify()
    {
        String hash = LocalAuthenticator.hash("s3cret".toCharArray());

        assertThat(hash).startsWith("$2a$12$");
        assertThat(at.favre.lib.crypto.bcrypt.BCrypt.verifyer().verify("s3cret".toCharArray(), hash).verified).isTrue();
    }

    @Test
    void takesNoSettings()
    {
        assertThatThrownBy(() -> create(Map.of("cost", "10")))
                .isInstanceOfSatisfying(PluginConfigException.class, exception -> assertThat(exception.getKey()).isEqualTo("cost"));
    }

    private static Authenticator create(Map<String, String> settings)
    {
        return new LocalAuthenticatorFactory().create(new PluginConfig("local", settings), new CoreServices(Clock.systemUTC(), database.jdbi()));
    }
}
