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
            switch (role) {
                case "team": {
                    Optional<LdapDirectory.Group> team = directory.team(target);
                    return team.isEmpty() ? Optional.empty() : Optional.of(directory.usernames(team.get().memberDns()));
                }
                case "manager": {
                    Optional<LdapDirectory.Group> team = directory.team(target);
                    return team.isEmpty() ? Optional.empty() : Optional.of(directory.usernames(team.get().managerDns()));
                }
                case "mailing-list": {
                    Optional<LdapDirectory.Group> list = directory.mailingList(target);
                    int limit = directory.config().maxListMembers();
                    if (list.isEmpty() || (limit > 0 && list.get().memberDns().size() >= limit)) {
                        return Optional.empty();
                    }
                    return Optional.of(directory.usernames(list.get().memberDns()));
                }
                default:
                    return Optional.empty();
            }
        }
        catch (LDAPException e) {
            throw new RoleLookupException("LDAP lookup of " + role + " " + target + " at " + directory.config().server().url().getHost()
                    + " failed: " + e.getResultCode() + (e.getDiagnosticMessage() == null ? "" : " (" + e.getDiagnosticMessage() + ")"), e);
        }
    }

    @Override
    public void close()
    {
        directory.close();
    }
}
