package dev.iris.api.schedule;

import dev.iris.api.auth.Caller;
import dev.iris.common.http.IrisException;
import dev.iris.core.schedule.ScheduleService;
import jakarta.inject.Inject;

import static java.util.Objects.requireNonNull;

/**
 * Who may change a team's schedule: an Iris admin, a member of the team, or an application trusted
 * to act for any user (Iris's {@code allow_authenticating_users}) calling without a username.
 */
public final class ScheduleAccess
{
    private final ScheduleService schedules;

    @Inject
    public ScheduleAccess(ScheduleService schedules)
    {
        this.schedules = requireNonNull(schedules, "schedules is null");
    }

    /**
     * @return the name recorded in the audit trail
     */
    public String requireEditor(Caller caller, String team)
    {
        caller.requireApplication();
        if (caller.username() == null) {
            if (!caller.canAuthenticateUsers()) {
                throw IrisException.unauthorized("Username must be specified for this action", null);
            }
            return caller.application().name();
        }
        if (!caller.admin() && !schedules.isTeamMember(caller.username(), team)) {
            throw IrisException.unauthorized("Only members of " + team + " and admins may change its schedule", null);
        }
        return caller.username();
    }

    /**
     * Iris's {@code enforce_user}: a request naming a user acts only for that user (or for anyone
     * when the user is an admin); without a username, only a trusted application acts for people.
     */
    public static boolean mayActFor(Caller caller, String user)
    {
        if (caller.username() == null) {
            return caller.canAuthenticateUsers();
        }
        return caller.admin() || caller.username().equals(user);
    }

    public static String actor(Caller caller)
    {
        return caller.username() != null ? caller.username() : caller.requireApplication().name();
    }
}
