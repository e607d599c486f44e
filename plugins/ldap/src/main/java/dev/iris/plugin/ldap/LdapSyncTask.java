package dev.iris.plugin.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import dev.iris.spi.people.DirectoryUser;
import dev.iris.spi.people.IrisPeople;
import dev.iris.spi.task.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Copies people, teams and mailing lists from the directory into Iris ({@link IrisPeople}):
 * creates missing users, sets their {@code email}, {@code sms} and {@code call} contacts from the
 * directory's mail and mobile attributes, creates teams (members, manager) and mailing lists (members,
 * count), and makes memberships match the directory. Users that left the directory are
 * deactivated only with {@code deactivate_missing_users}, since local accounts live in the same
 * table. Contacts the directory does not have are left as users set them.
 *
 * <p>Every write of {@link IrisPeople} is an upsert in its own short transaction, so a run can
 * overlap another sender's.
 */
final class LdapSyncTask
        implements PeriodicTask
{
    private static final Logger log = LoggerFactory.getLogger(LdapSyncTask.class);

    /** What one run changed, for logs and tests. */
    record Summary(int users, int teams, int mailingLists, int deactivated) {}

    private final LdapDirectory directory;
    private final IrisPeople iris;
    private final Duration interval;
    private final boolean deactivateMissingUsers;
    private final String defaultCountryCode;

    LdapSyncTask(LdapDirectory directory, IrisPeople iris, Duration interval, boolean deactivateMissingUsers, String defaultCountryCode)
    {
        this.directory = requireNonNull(directory, "directory is null");
        this.iris = requireNonNull(iris, "iris is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.deactivateMissingUsers = deactivateMissingUsers;
        this.defaultCountryCode = requireNonNull(defaultCountryCode, "defaultCountryCode is null");
    }

    @Override
    public Duration interval()
    {
        return interval;
    }

    @Override
    public void run()
            throws LDAPException
    {
        Summary summary = sync();
        log.info("LDAP sync: {} users, {} teams, {} mailing lists, {} users deactivated",
                summary.users(), summary.teams(), summary.mailingLists(), summary.deactivated());
    }

    Summary sync()
            throws LDAPException
    {
        // Read everything first: a directory failure must not leave a half-applied sync.
        List<LdapDirectory.Person> people = directory.allPeople();
        List<LdapDirectory.Group> teams = directory.allTeams();
        List<LdapDirectory.Group> lists = directory.allMailingLists();

        Map<DN, String> usernameByDn = new HashMap<>();
        people.forEach(person -> usernameByDn.put(person.dn(), person.username()));
        Map<DN, List<DN>> membersByGroup = new HashMap<>();
        teams.forEach(team -> membersByGroup.put(team.dn(), team.memberDns()));
        lists.forEach(list -> membersByGroup.put(list.dn(), list.memberDns()));
        iris.upsertUsers(people.stream().map(this::toIrisUser).toList());
        // Members and managers are the directory's people that are active Iris users.
        Set<String> activeUsers = iris.activeUserNames();

        for (LdapDirectory.Group team : teams) {
            List<String> managers = activeUsernames(team.managerDns(), usernameByDn, activeUsers);
            iris.upsertTeam(team.name(), Set.copyOf(activeUsernames(flatten(team.memberDns(), membersByGroup), usernameByDn, activeUsers)),
                    managers.stream().findFirst());
        }
        for (LdapDirectory.Group list : lists) {
            iris.upsertMailingList(list.name(), Set.copyOf(activeUsernames(flatten(list.memberDns(), membersByGroup), usernameByDn, activeUsers)));
        }
        int deactivated = deactivateMissingUsers ? deactivateMissing(people, activeUsers) : 0;
        return new Summary(people.size(), teams.size(), lists.size(), deactivated);
    }

    /**
     * The person's {@code email}, {@code sms} and {@code call} contacts: the mail attribute, and
     * the mobile number in E.164 (skipped with a warning when it is not a phone number).
     */
    private DirectoryUser toIrisUser(LdapDirectory.Person person)
    {
        Map<String, String> contacts = new HashMap<>();
        person.email().ifPresent(email -> contacts.put("email", email));
        Optional<String> phone = person.mobile().flatMap(raw -> PhoneNumbers.normalize(raw, defaultCountryCode));
        if (person.mobile().isPresent() && phone.isEmpty()) {
            log.warn("LDAP sync: the mobile number of {} is not a phone number; skipped", person.username());
        }
        phone.ifPresent(number -> {
            contacts.put("sms", number);
            contacts.put("call", number);
        });
        return new DirectoryUser(person.username(), contacts);
    }

    private int deactivateMissing(List<LdapDirectory.Person> people, Set<String> activeUsers)
    {
        Set<String> present = new HashSet<>();
        people.forEach(person -> present.add(person.username()));
        List<String> missing = activeUsers.stream().filter(name -> !present.contains(name)).toList();
        iris.deactivateUsers(missing);
        return missing.size();
    }

    /**
     * Members of nested teams and lists count as members, as in the role lookup; cycles and
     * nesting deeper than five levels are cut.
     */
    private static List<DN> flatten(List<DN> members, Map<DN, List<DN>> membersByGroup)
    {
        Set<DN> result = new java.util.LinkedHashSet<>();
        Set<DN> seenGroups = new HashSet<>();
        java.util.Deque<Map.Entry<DN, Integer>> pending = new java.util.ArrayDeque<>();
        members.forEach(member -> pending.add(Map.entry(member, 0)));
        while (!pending.isEmpty()) {
            Map.Entry<DN, Integer> next = pending.poll();
            List<DN> nested = membersByGroup.get(next.getKey());
            if (nested == null) {
                result.add(next.getKey());
            }
            else if (next.getValue() < 5 && seenGroups.add(next.getKey())) {
                nested.forEach(member -> pending.add(Map.entry(member, next.getValue() + 1)));
            }
        }
        return List.copyOf(result);
    }

    private static List<String> activeUsernames(List<DN> dns, Map<DN, String> usernameByDn, Set<String> activeUsers)
    {
        return LdapDirectory.usernamesOf(dns, usernameByDn).stream().filter(activeUsers::contains).toList();
    }

    @Override
    public void close()
    {
        directory.close();
    }
}
