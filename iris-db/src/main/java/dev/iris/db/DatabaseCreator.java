package dev.iris.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates Iris's database on a MySQL/MariaDB server when it does not exist yet, for
 * {@code db migrate} on a new server. Without the CREATE privilege it says, in one line, what an
 * administrator must run.
 */
public final class DatabaseCreator
{
    private static final Pattern URL = Pattern.compile("jdbc:(mysql|mariadb)://([^/?]*)/([^?]*)(\\?.*)?");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_$]{1,64}");
    private static final int UNKNOWN_DATABASE = 1049;
    private static final int ACCESS_DENIED_TO_DATABASE = 1044;
    private static final int ACCESS_DENIED = 1045;

    private DatabaseCreator() {}

    public enum Outcome
    {
        EXISTED,
        CREATED,
    }

    /**
     * @throws DatabaseSetupException when the server is unreachable, refuses the login, or the
     *         database is missing and cannot be created
     */
    public static Outcome ensureExists(String url, String user, String password)
    {
        Matcher parts = URL.matcher(url);
        if (!parts.matches() || parts.group(3).isEmpty()) {
            throw new DatabaseSetupException("database.url must name a database, as in jdbc:mysql://db.example.com:3306/iris", null);
        }
        String name = parts.group(3);
        String withOptions = JdbcUrls.withDefaults(url);
        try (Connection ignored = DriverManager.getConnection(withOptions, user, password)) {
            return Outcome.EXISTED;
        }
        catch (SQLException e) {
            // A user without rights on a database is told "access denied" whether it exists or
            // not, so that case also tries to create it.
            if (e.getErrorCode() != UNKNOWN_DATABASE && e.getErrorCode() != ACCESS_DENIED_TO_DATABASE) {
                throw unusable(e, name, user, parts.group(2));
            }
        }
        if (!PLAIN_NAME.matcher(name).matches()) {
            throw new DatabaseSetupException("Database '" + name + "' does not exist, and Iris creates only plainly named ones "
                    + "(letters, digits, _ and $): create it yourself with utf8mb4", null);
        }
        String server = JdbcUrls.withDefaults("jdbc:" + parts.group(1) + "://" + parts.group(2) + "/" + (parts.group(4) == null ? "" : parts.group(4)));
        try (Connection connection = DriverManager.getConnection(server, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            return Outcome.CREATED;
        }
        catch (SQLException e) {
            if (e.getErrorCode() == ACCESS_DENIED_TO_DATABASE || e.getErrorCode() == ACCESS_DENIED || "42000".equals(e.getSQLState())) {
                throw new DatabaseSetupException(("Database '%s' is missing or user '%s' may not use it, and '%s' may not create it; "
                        + "as a MySQL administrator run: CREATE DATABASE IF NOT EXISTS `%s` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci; "
                        + "GRANT ALL ON `%s`.* TO '%s'@'%%';")
                        .formatted(name, user, user, name, name, user), e);
            }
            throw unusable(e, name, user, parts.group(2));
        }
    }

    private static DatabaseSetupException unusable(SQLException e, String name, String user, String server)
    {
        if (e.getErrorCode() == ACCESS_DENIED) {
            return new DatabaseSetupException("The database server at " + server + " refused user '" + user
                    + "' (check database.user and database.password): " + e.getMessage(), e);
        }
        if (e.getErrorCode() == ACCESS_DENIED_TO_DATABASE) {
            return new DatabaseSetupException("User '" + user + "' may not use database '" + name + "': GRANT ALL ON `" + name + "`.* TO '"
                    + user + "'@'%';", e);
        }
        return new DatabaseSetupException("Cannot reach the database server at " + server + ": " + firstLine(e.getMessage()), e);
    }

    static String firstLine(String message)
    {
        if (message == null) {
            return "no details";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
