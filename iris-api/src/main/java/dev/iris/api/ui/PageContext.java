package dev.iris.api.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static java.util.Objects.requireNonNull;

/**
 * What every page's layout needs: who is logged in, the CSRF token for its forms, the navigation
 * section to highlight, and the user's time zone for showing times.
 */
public record PageContext(String username, String csrfToken, String section, boolean devInbox, ZoneId zone, boolean admin)
{
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public PageContext
    {
        requireNonNull(section, "section is null");
        requireNonNull(zone, "zone is null");
    }

    /**
     * The login page's context: nobody is logged in.
     */
    public static PageContext anonymous(String csrfToken)
    {
        return new PageContext(null, csrfToken, "login", false, ZoneId.of("UTC"), false);
    }

    public boolean loggedIn()
    {
        return username != null;
    }

    /**
     * A time in the user's zone, or an empty string for none.
     */
    public String time(Instant instant)
    {
        return instant == null ? "" : TIME.format(instant.atZone(zone));
    }

    public String time(long epochSeconds)
    {
        return time(Instant.ofEpochSecond(epochSeconds));
    }

    public String zoneName()
    {
        return zone.getId();
    }
}
