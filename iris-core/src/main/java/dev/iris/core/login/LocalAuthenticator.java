package dev.iris.core.login;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.iris.spi.Authenticator;
import org.jdbi.v3.core.JdbiException;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Checks UI passwords against bcrypt hashes in {@code user.password_hash}. Unknown users, inactive
 * users and users without a local password are refused after the same bcrypt work as a wrong
 * password, so the time taken does not tell which usernames exist.
 */
public final class LocalAuthenticator
        implements Authenticator
{
    /** The cost of new hashes (2^12 rounds, about a quarter of a second). */
    public static final int COST = 12;

    // A hash of a random password, checked when there is no real hash to check.
    private static final String DECOY_HASH = "$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";

    private final LocalPasswordDao dao;

    public LocalAuthenticator(LocalPasswordDao dao)
    {
        this.dao = requireNonNull(dao, "dao is null");
    }

    @Override
    public boolean authenticate(String username, char[] password)
    {
        if (username == null || username.isBlank() || password == null || password.length == 0) {
            return false;
        }
        Optional<String> hash;
        try {
            hash = dao.passwordHash(username);
        }
        catch (JdbiException e) {
            throw new IllegalStateException("Iris's database cannot check passwords now", e);
        }
        boolean verified = BCrypt.verifyer().verify(password, hash.orElse(DECOY_HASH).getBytes(StandardCharsets.UTF_8)).verified;
        return verified && hash.isPresent();
    }

    /**
     * A bcrypt hash of {@code password} for {@code user.password_hash}.
     */
    public static String hash(char[] password)
    {
        return BCrypt.withDefaults().hashToString(COST, password);
    }
}
