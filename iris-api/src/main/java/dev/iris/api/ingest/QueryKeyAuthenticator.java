package dev.iris.api.ingest;

import dev.iris.api.auth.ApplicationAuthDao;
import dev.iris.api.auth.AuthenticatedApplication;
import dev.iris.api.auth.Caller;
import dev.iris.core.auth.IrisHmac;
import dev.iris.core.http.IrisException;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;
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

    private final ApplicationAuthDao applications;

    @Inject
    public QueryKeyAuthenticator(Jdbi jdbi)
    {
        this.applications = requireNonNull(jdbi, "jdbi is null").onDemand(ApplicationAuthDao.class);
    }

    /**
     * The application, if {@code caller} already signed as it (HMAC) or {@code key} is one of its
     * keys; 401 otherwise.
     */
    public AuthenticatedApplication authenticate(Caller caller, String application, String key)
    {
        if (application == null || application.isBlank()) {
            throw IrisException.unauthorized("Authentication failure", "application query parameter missing");
        }
        if (caller != null && caller.application() != null && caller.application().name().equals(application)) {
            return caller.application();
        }
        if (key == null || key.isEmpty()) {
            throw IrisException.unauthorized("Authentication failure", "key query parameter missing");
        }
        AuthenticatedApplication found = applications.findByName(application)
                .orElseThrow(() -> IrisException.unauthorized("Authentication failure", "Invalid application or key"));
        boolean valid = false;
        for (String candidate : found.keys()) {
            // Check every key so timing does not tell which one matched.
            valid |= IrisHmac.constantTimeEquals(candidate, key);
        }
        if (!valid) {
            log.warn("Invalid key presented for application {}", application);
            throw IrisException.unauthorized("Authentication failure", "Invalid application or key");
        }
        return found;
    }
}
