package dev.iris.plugin.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import dev.iris.spi.task.PeriodicTask;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Copies people, teams and mailing lists from the directory into Iris's tables: creates missing
 * users, sets their {@code email}, {@code sms} and {@code call} contacts from the directory's
 * mail and mobile attributes, creates teams (members, manager) and mailing lists (members,
 * count), and makes memberships match the directory. Users that left the directory are
 * deactivated only with {@code deactivate_missing_users}, since local accounts live in the same
 * table. Contacts the directory does not have are left as users set them.
 *
 * <p>Each step is an upsert in its own short transaction, so a run can overlap another sender's.
 */
final class LdapSyncTask
        implements PeriodicTask
{
    private static final Logger log = LoggerFactory.getLogger(LdapSyncTask.class);
    private static final int USERS_PER_TRANSACTION = 200;

    /** What one run changed, for logs and tests. */
    record Summary(int users, int teams, int mailingLists, int deactivated) {}

    private final LdapDirectory directory;
    private final Jdbi jdbi;
    private final Duration interval;
    private final boolean deactivateMissingUsers;
    private final String defaultCountryCode;

    LdapSyncTask(LdapDirectory directory, Jdbi jdbi, Duration interval, boolean deactivateMissingUsers, String defaultCountryCode)
    {
        this.directory = requireNonNull(directory, "directory is null");
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
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
        syncPeople(people);
        Map<String, Long> userIds = new HashMap<>();
        jdbi.withExtension(LdapSyncDao.class, LdapSyncDao::activeUsers).forEach(user -> userIds.put(user.name(), user.id()));

        for (LdapDirectory.Group team : teams) {
            syncTeam(team, memberIds(flatten(team.memberDns(), membersByGroup), usernameByDn, userIds), memberIds(team.managerDns(), usernameByDn, userIds));
        }
        for (LdapDirectory.Group list : lists) {
            syncMailingList(list, memberIds(flatten(list.memberDns(), membersByGroup), usernameByDn, userIds));
        }
        int deactivated = deactivateMissingUsers ? deactivateMissing(people, userIds) : 0;
        return new Summary(people.size(), teams.size(), lists.size(), deactivated);
    }

    private void syncPeople(List<LdapDirectory.Person> people)
    {
        for (int start = 0; start < people.size(); start += USERS_PER_TRANSACTION) {
            List<LdapDirectory.Person> chunk = people.subList(start, Math.min(people.size(), start + USERS_PER_TRANSACTION));
            jdbi.useTransaction(handle -> {
                LdapSyncDao dao = handle.attach(LdapSyncDao.class);
                Optional<Integer> email = dao.modeId("email");
                Optional<Integer> sms = dao.modeId("sms");
                Optional<Integer> call = dao.modeId("call");
                for (LdapDirectory.Person person : chunk) {
                    dao.upsertTarget(person.username(), "user");
                    long id = dao.targetId(person.username(), "user");
                    dao.insertUser(id);
                    if (person.email().isPresent() && email.isPresent()) {
                        dao.upsertContact(id, email.get(), person.email().get());
                    }
                    Optional<String> phone = person.mobile().flatMap(raw -> PhoneNumbers.normalize(raw, defaultCountryCode));
                    if (person.mobile().isPresent() && phone.isEmpty()) {
                        log.warn("LDAP sync: the mobile number of {} is not a phone number; skipped", person.username());
                    }
                    if (phone.isPresent()) {
                        sms.ifPresent(mode -> dao.upsertContact(id, mode, phone.get()));
                        call.ifPresent(mode -> dao.upsertContact(id, mode, phone.get()));
                    }
                }
            });
        }
    }

    private void syncTeam(LdapDirectory.Group team, Set<Long> members, Set<Long> managers)
    {
        jdbi.useTransaction(handle -> {
            LdapSyncDao dao = handle.attach(LdapSyncDao.class);
            dao.upsertTarget(team.name(), "team");
            long id = dao.targetId(team.name(), "team");
            dao.insertTeam(id);
            dao.setTeamManager(id, managers.stream().findFirst().orElse(null));
            List<Long> current = dao.teamMembers(id);
            List<Long> removed = current.stream().filter(member -> !members.contains(member)).toList();
            if (!removed.isEmpty()) {
                dao.removeTeamMembers(id, removed);
            }
            members.stream().filter(member -> !current.contains(member)).forEach(member -> dao.addTeamMember(id, member));
        });
    }

    private void syncMailingList(LdapDirectory.Group list, Set<Long> members)
    {
        jdbi.useTransaction(handle -> {
            LdapSyncDao dao = handle.attach(LdapSyncDao.class);
            dao.upsertTarget(list.name(), "mailing-list");
            long id = dao.targetId(list.name(), "mailing-list");
            dao.upsertMailingList(id, members.size());
            List<Long> current = dao.listMembers(id);
            List<Long> removed = current.stream().filter(member -> !members.contains(member)).toList();
            if (!removed.isEmpty()) {
                dao.removeListMembers(id, removed);
            }
            members.stream().filter(member -> !current.contains(member)).forEach(member -> dao.addListMember(id, member));
        });
    }

    private int deactivateMissing(List<LdapDirectory.Person> people, Map<String, Long> userIds)
    {
        Set<String> present = new HashSet<>();
        people.forEach(person -> present.add(person.username()));
        List<Long> missing = new ArrayList<>();
        userIds.forEach((name, id) -> {
            if (!present.contains(name)) {
                missing.add(id);
            }
        });
        if (!missing.isEmpty()) {
            jdbi.useExtension(LdapSyncDao.class, dao -> dao.deactivate(missing));
        }
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

    private static Set<Long> memberIds(List<DN> dns, Map<DN, String> usernameByDn, Map<String, Long> userIds)
    {
        Set<Long> ids = new java.util.LinkedHashSet<>();
        for (String username : LdapDirectory.usernamesOf(dns, usernameByDn)) {
            Long id = userIds.get(username);
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    @Override
    public void close()
    {
        directory.close();
    }
}
