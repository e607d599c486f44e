package dev.iris.api.bootstrap;

import dev.iris.core.auth.ApiKeys;
import dev.iris.core.login.LocalAuthenticator;
import org.jdbi.v3.core.Jdbi;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a new database needs before anyone can use Iris: the applications Iris itself signs with
 * ({@code iris}: the web UI's and the CLI's; {@code iris-relay}: the vendor callback edge's), each
 * with a generated key, and a first admin with a generated one-time password that the web UI makes
 * them replace at the first login. Idempotent: what exists is left alone, and keys and passwords
 * are shown only when they are created.
 */
public final class FirstDeployment
{
    /** The application the web UI and the CLI act for users through (as in Iris). */
    public static final String INTERNAL_APPLICATION = "iris";
    /** The application iris-relay signs its calls with; the only one whose responses are accepted by default. */
    public static final String RELAY_APPLICATION = "iris-relay";

    // No 0/O, 1/l/I: the password is read off a terminal and typed in.
    private static final char[] PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int PASSWORD_LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;

    public FirstDeployment(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /**
     * What was created; secrets appear only for what this run created.
     *
     * @param relayKey the new key of {@code iris-relay}, when it was created
     * @param internalKey the new key of {@code iris}, when it was created
     * @param adminPassword the admin's one-time password, when the admin was created
     * @param madeAdmin true when an existing user was made an admin
     */
    public record Result(Optional<String> relayKey, Optional<String> internalKey, Optional<String> adminPassword, boolean madeAdmin)
    {
        public boolean changedNothing()
        {
            return relayKey.isEmpty() && internalKey.isEmpty() && adminPassword.isEmpty() && !madeAdmin;
        }
    }

    /**
     * @param admin the first admin's username
     * @param email their email address for pages and notices, or null
     * @throws IllegalArgumentException when {@code admin} names a team or another kind of target
     */
    public Result bootstrap(String admin, String email)
    {
        requireNonNull(admin, "admin is null");
        return jdbi.inTransaction(handle -> {
            BootstrapDao dao = handle.attach(BootstrapDao.class);
            Optional<String> relayKey = createApplication(dao, RELAY_APPLICATION, false);
            // The web UI and the CLI send the username they act for; only this app may.
            Optional<String> internalKey = createApplication(dao, INTERNAL_APPLICATION, true);
            Optional<Boolean> existing = dao.userIsAdmin(admin);
            Optional<String> password = Optional.empty();
            boolean madeAdmin = false;
            if (existing.isEmpty()) {
                if (dao.targetExists(admin)) {
                    throw new IllegalArgumentException("'" + admin + "' is already the name of a team or another non-user target");
                }
                password = Optional.of(oneTimePassword());
                char[] secret = password.get().toCharArray();
                long id = dao.insertUserTarget(admin);
                dao.insertAdmin(id, LocalAuthenticator.hash(secret));
                if (email != null && !email.isBlank()) {
                    dao.insertContact(id, "email", email.strip());
                }
            }
            else if (!existing.get()) {
                dao.makeAdmin(admin);
                madeAdmin = true;
            }
            return new Result(relayKey, internalKey, password, madeAdmin);
        });
    }

    private static Optional<String> createApplication(BootstrapDao dao, String name, boolean allowAuthenticatingUsers)
    {
        if (dao.applicationExists(name)) {
            return Optional.empty();
        }
        String key = ApiKeys.generate();
        long id = dao.insertApplication(name, key, allowAuthenticatingUsers);
        dao.allowAllModesButDrop(id);
        return Optional.of(key);
    }

    static String oneTimePassword()
    {
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET[RANDOM.nextInt(PASSWORD_ALPHABET.length)]);
        }
        return password.toString();
    }

    /**
     * The lines the operator reads.
     */
    public static List<String> report(String admin, Result result)
    {
        List<String> lines = new ArrayList<>();
        if (result.changedNothing()) {
            lines.add("Nothing to do: applications " + INTERNAL_APPLICATION + " and " + RELAY_APPLICATION + " and admin " + admin
                    + " already exist. (Keys and passwords are shown only when they are created; admins see application keys"
                    + " on the Applications page.)");
            return lines;
        }
        result.relayKey().ifPresent(key -> {
            lines.add("Created application " + RELAY_APPLICATION + ". Give iris-relay its key (configs/iris-relay.yaml reads it from the environment):");
            lines.add("  IRIS_RELAY_KEY=" + key);
        });
        result.internalKey().ifPresent(key -> {
            lines.add("Created application " + INTERNAL_APPLICATION + " (the web UI and the CLI act for users through it). For the CLI:");
            lines.add("  export IRIS_APP=" + INTERNAL_APPLICATION + " IRIS_KEY=" + key + " IRIS_USER=" + admin);
        });
        result.adminPassword().ifPresent(password -> {
            lines.add("Created admin " + admin + " with the one-time password below; log in with it at /login and choose your own:");
            lines.add("  " + password);
        });
        if (result.madeAdmin()) {
            lines.add("User " + admin + " already existed and is now an admin (their password is unchanged).");
        }
        return lines;
    }
}
