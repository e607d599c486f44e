package dev.iris.api.ingest;

import dev.iris.api.auth.AuthenticatedApplication;
import dev.iris.api.auth.Caller;
import dev.iris.common.auth.IrisHmac;
import dev.iris.common.http.IrisException;
import dev.iris.core.application.ApplicationCache;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * Authentication for machine senders that cannot sign requests (Alertmanager, Grafana, cron jobs
 * with curl): the application's name and API key in the query string, Iris's {@code
 * ?application=&key=}. Unlike Iris, the secondary key is accepted too, so keys can be rotated
 * without dropping alerts. Keys are compared in constant time and never logged.
 */
public final class QueryKeyAuthenticator
{
    private static final Logger log = LoggerFactory.getLogger(QueryKeyAuthenticator.class);

    private final ApplicationCache applications;

    @Inject
    public QueryKeyAuthenticator(ApplicationCache applications)
    {
        this.applications = requireNonNull(applications, "applications is null");
    }

    /**
     * The application, if {@code caller} already signed as it (HMAC) or {@code key} is one of its
     * keys. As Iris: 400 (Falcon's missing-parameter answer) without {@code application} or
     * {@code key}, 401 for an unknown application or a wrong key.
     */
    public AuthenticatedApplication authenticate(Caller caller, String application, String key)
    {
        if (application == null || application.isBlank()) {
            throw missingParameter("application");
        }
        if (caller != null && caller.application() != null && caller.application().name().equals(application)) {
            return caller.application();
        }
        if (key == null || key.isEmpty()) {
            if (caller != null && caller.application() != null) {
                // Signed, but as another application.
                throw IrisException.unauthorized("Authentication failure", null);
            }
            throw missingParameter("key");
        }
        // Application names are public (GET /v0/applications lists them), so saying which is fine.
        AuthenticatedApplication found = applications.find(application).map(AuthenticatedApplication::of)
                .orElseThrow(() -> IrisException.unauthorized("Authentication failure", "Application not found"));
        boolean valid = false;
        for (String candidate : found.keys()) {
            // Check every key so timing does not tell which one matched.
            valid |= IrisHmac.constantTimeEquals(candidate, key);
        }
        if (!valid) {
            log.warn("Invalid key presented for application {}", application);
            throw IrisException.unauthorized("Authentication failure", null);
        }
        return found;
    }

    private static IrisException missingParameter(String name)
    {
        return IrisException.badRequest("Missing parameter", "The \"" + name + "\" parameter is required.");
    }
}
