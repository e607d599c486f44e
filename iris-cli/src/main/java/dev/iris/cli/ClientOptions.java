package dev.iris.cli;

import dev.iris.common.client.IrisApiClient;
import picocli.CommandLine.Option;

import java.net.URI;

/**
 * Where the API is and who the CLI is: flags, else the environment ({@code IRIS_URL},
 * {@code IRIS_APP}, {@code IRIS_KEY}, {@code IRIS_USER}).
 */
public final class ClientOptions
{
    @Option(names = "--url", description = "API base URL (env IRIS_URL, default ${DEFAULT-VALUE})",
            defaultValue = "${env:IRIS_URL:-http://localhost:16649}")
    String url;

    @Option(names = "--app", description = "Application to sign requests as (env IRIS_APP)",
            defaultValue = "${env:IRIS_APP}")
    String application;

    @Option(names = "--key", description = "The application's API key (env IRIS_KEY)",
            defaultValue = "${env:IRIS_KEY}")
    String key;

    @Option(names = "--user", description = "Act as this user, X-IRIS-USERNAME (env IRIS_USER)",
            defaultValue = "${env:IRIS_USER}")
    String user;

    @Option(names = "--json", description = "Print the API's JSON instead of tables")
    boolean json;

    public ApiClient client()
    {
        return client(application, key, user);
    }

    /**
     * For verbs that only read: without an application and key, the dev seed's {@code demo}
     * application, so they work against {@code ./iris dev} with no flags (as {@code ./iris curl} does).
     */
    public ApiClient readOnlyClient()
    {
        boolean none = (application == null || application.isBlank()) && (key == null || key.isBlank());
        return none ? client(DEV_APPLICATION, DEV_KEY, user) : client();
    }

    /**
     * Acting as {@code actingUser} (X-IRIS-USERNAME) instead of {@code --user}, when it is set.
     */
    public ApiClient clientActingAs(String actingUser)
    {
        return client(application, key, actingUser != null && !actingUser.isBlank() ? actingUser : user);
    }

    /** The dev seed's application and key ({@code ./iris dev}); development values, never production ones. */
    static final String DEV_APPLICATION = "demo";
    static final String DEV_KEY = "demo-secret-key";

    private ApiClient client(String application, String key, String user)
    {
        if (application == null || application.isBlank()) {
            throw new UsageException("No application: pass --app or set IRIS_APP");
        }
        if (key == null || key.isBlank()) {
            throw new UsageException("No API key: pass --key or set IRIS_KEY");
        }
        URI uri;
        try {
            uri = URI.create(url);
        }
        catch (IllegalArgumentException e) {
            throw new UsageException("Invalid --url " + url);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new UsageException("Invalid --url " + url + " (expected http://host:port)");
        }
        return new ApiClient(IrisApiClient.builder(uri).signedAs(application, key).actingAs(blankToNull(user)).build());
    }

    public boolean json()
    {
        return json;
    }

    /**
     * The acting user, required by verbs that act for a person (claims, plan creators).
     */
    public String requireUser(String why)
    {
        if (user == null || user.isBlank()) {
            throw new UsageException("No user: pass --user or set IRIS_USER (" + why + ")");
        }
        return user;
    }

    private static String blankToNull(String value)
    {
        return value == null || value.isBlank() ? null : value;
    }
}
