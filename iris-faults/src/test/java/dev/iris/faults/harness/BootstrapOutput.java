package dev.iris.faults.harness;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an operator copies off the terminal after {@code bootstrap} on a new database: the relay's
 * key, the {@code iris} application's key and the first admin's one-time password. Reading the
 * command's own words keeps the README's instructions and the command's output in step.
 */
public record BootstrapOutput(String relayKey, String irisKey, String oneTimePassword)
{
    private static final Pattern RELAY_KEY = Pattern.compile("^\\s*IRIS_RELAY_KEY=(\\S+)\\s*$");
    private static final Pattern IRIS_KEY = Pattern.compile("^\\s*export IRIS_APP=iris IRIS_KEY=(\\S+) IRIS_USER=\\S+\\s*$");
    private static final String PASSWORD_FOLLOWS = "with the one-time password below";

    public static BootstrapOutput parse(String output)
    {
        List<String> lines = output.lines().toList();
        String relayKey = null;
        String irisKey = null;
        String password = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher relay = RELAY_KEY.matcher(lines.get(i));
            Matcher iris = IRIS_KEY.matcher(lines.get(i));
            if (relay.matches()) {
                relayKey = relay.group(1);
            }
            else if (iris.matches()) {
                irisKey = iris.group(1);
            }
            else if (lines.get(i).contains(PASSWORD_FOLLOWS) && i + 1 < lines.size()) {
                password = lines.get(i + 1).strip();
            }
        }
        if (relayKey == null || irisKey == null || password == null || password.isEmpty()) {
            throw new IllegalStateException("bootstrap did not print the relay key, the iris key and a one-time password ("
                    + lines.size() + " lines of output)");
        }
        return new BootstrapOutput(relayKey, irisKey, password);
    }
}
