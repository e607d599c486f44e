package dev.iris.api.ui;

import dev.iris.core.login.LocalAuthenticator;
import dev.iris.spi.Authenticator;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Checks a login through the configured {@link Authenticator} plugin. As in Iris, the password
 * check is not enough: the username must also be an active Iris user.
 */
public final class LoginService
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(LoginService.class);

    public enum Outcome
    {
        SUCCESS("Logged in"),
        /** The password was right but was a one-time password: the user must choose their own. */
        PASSWORD_CHANGE_REQUIRED("You logged in with a one-time password; please choose your own"),
        INVALID("Invalid username or password"),
        UNAVAILABLE("The login service cannot be reached right now; try again in a minute"),
        NOT_CONFIGURED("Login is not configured: set auth: in the iris-api configuration");

        private final String message;

        Outcome(String message)
        {
            this.message = message;
        }

        public String message()
        {
            return message;
        }
    }

    private final Optional<Authenticator> authenticator;
    private final UiUserDao users;

    public LoginService(Optional<Authenticator> authenticator, Jdbi jdbi)
    {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.users = requireNonNull(jdbi, "jdbi is null").onDemand(UiUserDao.class);
    }

    public Outcome login(String username, String password)
    {
        if (authenticator.isEmpty()) {
            return Outcome.NOT_CONFIGURED;
        }
        if (username == null || username.isBlank() || password == null || password.isEmpty() || username.length() > 255) {
            return Outcome.INVALID;
        }
        char[] secret = password.toCharArray();
        try {
            if (!authenticator.get().authenticate(username, secret)) {
                log.info("Failed UI login for {}", username);
                return Outcome.INVALID;
            }
        }
        catch (IllegalStateException e) {
            log.warn("UI login backend unavailable: {}", e.getMessage());
            return Outcome.UNAVAILABLE;
        }
        finally {
            Arrays.fill(secret, '\0');
        }
        if (!users.isActiveUser(username)) {
            log.info("UI login for {}: password accepted but no such active Iris user", username);
            return Outcome.INVALID;
        }
        return users.mustChangePassword(username) ? Outcome.PASSWORD_CHANGE_REQUIRED : Outcome.SUCCESS;
    }

    /**
     * Whether people keep their passwords in Iris (the {@code local} authenticator), and so can
     * change them here.
     */
    public boolean managesPasswords()
    {
        return authenticator.map(LocalAuthenticator.class::isInstance).orElse(false);
    }

    /**
     * Replaces a user's local password after checking the current one the way a login does.
     */
    public Outcome changePassword(String username, String currentPassword, char[] newPassword)
    {
        Outcome check = login(username, currentPassword);
        if (check != Outcome.SUCCESS && check != Outcome.PASSWORD_CHANGE_REQUIRED) {
            return check;
        }
        users.setPassword(username, LocalAuthenticator.hash(newPassword));
        log.info("{} changed their UI password", username);
        return Outcome.SUCCESS;
    }

    @Override
    public void close()
    {
        if (authenticator.isPresent()) {
            authenticator.get().close();
        }
    }
}
