package dev.iris.api.auth;

import dev.iris.api.IrisApiConfiguration;
import dev.iris.common.auth.IrisHmac;
import dev.iris.common.http.IrisException;
import dev.iris.core.application.ApplicationCache;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Authenticates every API request as Iris does: a UI session, or the application HMAC over the
 * raw body, or nothing for public reads. Bodies over the configured limit get 413 before they are
 * read in full. The verified {@link Caller} becomes the request's principal.
 */
@Priority(Priorities.AUTHENTICATION)
public final class HmacAuthFilter
        implements ContainerRequestFilter
{
    public static final String USERNAME_HEADER = "X-IRIS-USERNAME";
    /** Request property holding the raw body, for resources that need the exact bytes. */
    public static final String RAW_BODY = "iris.rawBody";

    private static final Logger log = LoggerFactory.getLogger(HmacAuthFilter.class);

    private final ApplicationCache applications;
    private final ApplicationAuthDao users;
    /**
     * The HMAC window is read on this host's clock, as Iris does: clients sign on theirs, and
     * both are kept right by NTP. Not the database's clock the rest of the API uses: it is
     * measured to a few milliseconds, and Iris accepts only the current and the previous window,
     * so a client that signed just after a window began was refused whenever that measure ran a
     * little behind (about one trigger in a few thousand in bench/README.md's runs).
     */
    private static final Clock HOST_CLOCK = Clock.systemUTC();

    private final int maxRequestBytes;
    private volatile SessionAuthenticator sessions = SessionAuthenticator.NONE;

    @Context
    private ResourceInfo resourceInfo;

    @Context
    private HttpServletRequest servletRequest;

    @Inject
    public HmacAuthFilter(Jdbi jdbi, ApplicationCache applications, IrisApiConfiguration configuration)
    {
        this.applications = requireNonNull(applications, "applications is null");
        this.users = jdbi.onDemand(ApplicationAuthDao.class);
        this.maxRequestBytes = configuration.getMaxRequestBytes();
    }

    /**
     * Installs the web UI's session lookup.
     */
    public void setSessionAuthenticator(SessionAuthenticator sessions)
    {
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    @Override
    public void filter(ContainerRequestContext request)
    {
        byte[] body = readBody(request);
        request.setProperty(RAW_BODY, body);
        Caller caller = authenticate(request, new String(body, StandardCharsets.UTF_8));
        setPrincipal(request, caller);
    }

    private Caller authenticate(ContainerRequestContext request, String body)
    {
        Optional<String> sessionUser = sessions.sessionUser(request);
        if (sessionUser.isPresent()) {
            AuthenticatedApplication internal = findApplication(AuthenticatedApplication.INTERNAL_NAME)
                    .orElse(new AuthenticatedApplication(0, AuthenticatedApplication.INTERNAL_NAME, "", null, false, false));
            return new Caller(internal, sessionUser.get(), isAdmin(sessionUser.get()));
        }

        if ("GET".equals(request.getMethod()) && isAnnotated(PublicRead.class)) {
            // Iris serves public reads without looking at credentials (a wrong key still reads).
            return Caller.ANONYMOUS;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            if (isAnnotated(OwnAuthentication.class)) {
                return Caller.ANONYMOUS;
            }
            throw IrisException.unauthorized("Authentication failure", "Malformed/missing HMAC authorization header");
        }
        if (!header.startsWith(IrisHmac.SCHEME) || header.indexOf(':') < 0) {
            throw IrisException.unauthorized("Authentication failure", "Malformed/missing HMAC authorization header");
        }
        String credentials = header.substring(IrisHmac.SCHEME.length());
        int colon = credentials.lastIndexOf(':');
        String applicationName = credentials.substring(0, colon);
        String digest = credentials.substring(colon + 1);

        AuthenticatedApplication application = findApplication(applicationName)
                .orElseThrow(() -> IrisException.unauthorized("Authentication failure", "Unknown application " + applicationName));

        String username = request.getHeaderString(USERNAME_HEADER);
        if (username != null && !application.allowAuthenticatingUsers()) {
            throw IrisException.unauthorized("This application does not have the power to authenticate usernames", null);
        }

        String path = request.getUriInfo().getRequestUri().getRawPath();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        if (servletRequest != null) {
            // Clients sign the query string exactly as sent; Jersey's URI re-encodes characters
            // such as ',' (fields=a,b), so take the raw one from the servlet request.
            query = servletRequest.getQueryString();
        }
        String pathAndQuery = query == null ? path : path + "?" + query;
        // The window is checked against the request's arrival: the application lookup above may
        // have waited seconds for the database, and a request signed in time stays valid.
        long arrivalSeconds = RequestArrival.of(request.getProperty(RequestArrival.attribute()), HOST_CLOCK).getEpochSecond();
        if (!IrisHmac.verify(digest, application.keys(), arrivalSeconds, request.getMethod(), pathAndQuery, body, username)) {
            log.warn("HMAC does not validate for application {}", applicationName);
            throw IrisException.unauthorized("Authentication failure", "HMAC failed validation. Check API key/clock skew");
        }
        return new Caller(application, username, username != null && isAdmin(username));
    }

    /**
     * The application from the node's {@link ApplicationCache}: every signed request needs it, and
     * reading it each time was a statement per request (bench/README.md).
     */
    private Optional<AuthenticatedApplication> findApplication(String name)
    {
        return applications.find(name).map(AuthenticatedApplication::of);
    }

    private boolean isAdmin(String username)
    {
        return users.isAdmin(username).orElse(false);
    }

    private boolean isAnnotated(Class<? extends java.lang.annotation.Annotation> annotation)
    {
        if (resourceInfo == null) {
            return false;
        }
        AnnotatedElement method = resourceInfo.getResourceMethod();
        AnnotatedElement type = resourceInfo.getResourceClass();
        return (method != null && method.isAnnotationPresent(annotation)) || (type != null && type.isAnnotationPresent(annotation));
    }

    private byte[] readBody(ContainerRequestContext request)
    {
        int declared = request.getLength();
        if (declared > maxRequestBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.getEntityStream()) {
            byte[] body = in.readNBytes(maxRequestBytes + 1);
            if (body.length > maxRequestBytes) {
                throw tooLarge();
            }
            request.setEntityStream(new ByteArrayInputStream(body));
            return body;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private IrisException tooLarge()
    {
        return new IrisException(413, "Request body too large", "The limit is " + maxRequestBytes + " bytes");
    }

    private static void setPrincipal(ContainerRequestContext request, Caller caller)
    {
        SecurityContext original = request.getSecurityContext();
        request.setSecurityContext(new SecurityContext()
        {
            @Override
            public Principal getUserPrincipal()
            {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role)
            {
                return "admin".equals(role) && caller.admin();
            }

            @Override
            public boolean isSecure()
            {
                return original != null && original.isSecure();
            }

            @Override
            public String getAuthenticationScheme()
            {
                return "HMAC";
            }
        });
    }
}
