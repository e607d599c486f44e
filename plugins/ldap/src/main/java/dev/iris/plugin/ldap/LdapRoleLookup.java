package dev.iris.plugin.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import dev.iris.spi.rolelookup.RoleLookup;
import dev.iris.spi.rolelookup.RoleLookupException;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Expands {@code team} (the team group's members), {@code manager} (the team group's
 * {@code team_manager_attribute}) and {@code mailing-list} (the list group's members) from the
 * directory. A target the directory does not have, and every other role, is "not mine"; a list
 * with {@code max_list_members} or more members is too, as in Iris. Directory failures are
 * {@link RoleLookupException}s naming the directory, never the bind password.
 */
final class LdapRoleLookup
        implements RoleLookup
{
    private final LdapDirectory directory;

    LdapRoleLookup(LdapDirectory directory)
    {
        this.directory = requireNonNull(directory, "directory is null");
    }

    @Override
    public Optional<List<String>> lookup(String role, String target)
            throws RoleLookupException
    {
        try {
            return switch (role) {
                case "team" -> directory.team(target).map(team -> members(team.memberDns()));
                case "manager" -> directory.team(target).map(team -> members(team.managerDns()));
                case "mailing-list" -> directory.mailingList(target).flatMap(this::listMembers);
                default -> Optional.empty();
            };
        }
        catch (LdapFailure e) {
            throw new RoleLookupException(describe(role, target, e.cause), e.cause);
        }
        catch (LDAPException e) {
            throw new RoleLookupException(describe(role, target, e), e);
        }
    }

    private Optional<List<String>> listMembers(LdapDirectory.Group list)
    {
        int limit = directory.config().maxListMembers();
        if (limit > 0 && list.memberDns().size() >= limit) {
            return Optional.empty();
        }
        return Optional.of(members(list.memberDns()));
    }

    private List<String> members(List<com.unboundid.ldap.sdk.DN> dns)
    {
        try {
            return directory.usernames(dns);
        }
        catch (LDAPException e) {
            throw new LdapFailure(e);
        }
    }

    private String describe(String role, String target, LDAPException exception)
    {
        return "LDAP lookup of " + role + " " + target + " at " + directory.config().server().url().getHost()
                + " failed: " + exception.getResultCode() + (exception.getDiagnosticMessage() == null ? "" : " (" + exception.getDiagnosticMessage() + ")");
    }

    // Carries an LDAPException out of the Optional.map lambdas above.
    private static final class LdapFailure
            extends RuntimeException
    {
        private final transient LDAPException cause;

        LdapFailure(LDAPException cause)
        {
            super(cause);
            this.cause = cause;
        }
    }

    @Override
    public void close()
    {
        directory.close();
    }
}
