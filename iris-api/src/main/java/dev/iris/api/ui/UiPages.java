package dev.iris.api.ui;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jdbi.v3.core.Jdbi;

import java.time.DateTimeException;
import java.time.ZoneId;

import static java.util.Objects.requireNonNull;

/**
 * Builds the {@link PageContext} of a request that {@link UiFilter} let through with a session.
 */
public final class UiPages
{
    /** The name of the binding that says whether this API serves the dev inbox (only ./iris dev's does). */
    public static final String DEV_INBOX = "devInbox";

    private final UiUserDao users;
    private final boolean devInbox;

    @Inject
    public UiPages(Jdbi jdbi, @Named(DEV_INBOX) boolean devInbox)
    {
        this.users = requireNonNull(jdbi, "jdbi is null").onDemand(UiUserDao.class);
        this.devInbox = devInbox;
    }

    public PageContext context(ContainerRequestContext request, String section)
    {
        UiSession session = session(request);
        return new PageContext(session.username(), session.csrfToken(), section, devInbox, zone(session.username()),
                users.isAdmin(session.username()).orElse(false));
    }

    public static UiSession session(ContainerRequestContext request)
    {
        Object session = request.getProperty(UiSession.REQUEST_PROPERTY);
        if (session instanceof UiSession uiSession) {
            return uiSession;
        }
        // UiFilter lets no request without a session reach a page that asks for one.
        throw new IllegalStateException("no web UI session on this request");
    }

    private ZoneId zone(String username)
    {
        try {
            return users.timezone(username).map(ZoneId::of).orElse(ZoneId.of("UTC"));
        }
        catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
