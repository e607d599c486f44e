package dev.iris.core.people;

import dev.iris.spi.people.DirectoryUser;
import dev.iris.spi.people.IrisPeople;
import org.jdbi.v3.core.Jdbi;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * {@link IrisPeople} on Iris's tables ({@code target}, {@code user}, {@code target_contact},
 * {@code team}, {@code user_team}, {@code mailing_list}, {@code mailing_list_membership}). Names
 * are turned into ids inside each transaction, so plugins never see an id.
 */
public final class DatabasePeople
        implements IrisPeople
{
    private static final int USERS_PER_TRANSACTION = 200;

    private final Jdbi jdbi;

    /**
     * {@code jdbi} must have the SqlObject plugin and should retry rolled-back transactions, as
     * {@code Database.jdbi()} does.
     */
    public DatabasePeople(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    @Override
    public void upsertUsers(List<DirectoryUser> users)
    {
        for (int start = 0; start < users.size(); start += USERS_PER_TRANSACTION) {
            List<DirectoryUser> batch = users.subList(start, Math.min(users.size(), start + USERS_PER_TRANSACTION));
            jdbi.useTransaction(handle -> {
                PeopleSyncDao dao = handle.attach(PeopleSyncDao.class);
                Map<String, Optional<Integer>> modeIds = new HashMap<>();
                for (DirectoryUser user : batch) {
                    dao.upsertTarget(user.name(), "user");
                    long id = dao.targetId(user.name(), "user");
                    dao.insertUser(id);
                    user.contacts().forEach((mode, destination) ->
                            modeIds.computeIfAbsent(mode, dao::modeId).ifPresent(modeId -> dao.upsertContact(id, modeId, destination)));
                }
            });
        }
    }

    @Override
    public Set<String> activeUserNames()
    {
        return Set.copyOf(jdbi.withExtension(PeopleSyncDao.class, PeopleSyncDao::activeUserNames));
    }

    @Override
    public void upsertTeam(String team, Set<String> members, Optional<String> manager)
    {
        jdbi.useTransaction(handle -> {
            PeopleSyncDao dao = handle.attach(PeopleSyncDao.class);
            dao.upsertTarget(team, "team");
            long id = dao.targetId(team, "team");
            dao.insertTeam(id);
            dao.setTeamManager(id, manager.flatMap(name -> activeUserIds(dao, Set.of(name)).stream().findFirst()).orElse(null));
            Set<Long> memberIds = activeUserIds(dao, members);
            List<Long> current = dao.teamMembers(id);
            List<Long> removed = current.stream().filter(member -> !memberIds.contains(member)).toList();
            if (!removed.isEmpty()) {
                dao.removeTeamMembers(id, removed);
            }
            memberIds.stream().filter(member -> !current.contains(member)).forEach(member -> dao.addTeamMember(id, member));
        });
    }

    @Override
    public void upsertMailingList(String list, Set<String> members)
    {
        jdbi.useTransaction(handle -> {
            PeopleSyncDao dao = handle.attach(PeopleSyncDao.class);
            dao.upsertTarget(list, "mailing-list");
            long id = dao.targetId(list, "mailing-list");
            Set<Long> memberIds = activeUserIds(dao, members);
            dao.upsertMailingList(id, memberIds.size());
            List<Long> current = dao.listMembers(id);
            List<Long> removed = current.stream().filter(member -> !memberIds.contains(member)).toList();
            if (!removed.isEmpty()) {
                dao.removeListMembers(id, removed);
            }
            memberIds.stream().filter(member -> !current.contains(member)).forEach(member -> dao.addListMember(id, member));
        });
    }

    @Override
    public void deactivateUsers(Collection<String> names)
    {
        if (!names.isEmpty()) {
            List<String> distinct = List.copyOf(new LinkedHashSet<>(names));
            jdbi.useExtension(PeopleSyncDao.class, dao -> dao.deactivateUsers(distinct));
        }
    }

    /** An empty IN () is not SQL: no names, no query. */
    private static Set<Long> activeUserIds(PeopleSyncDao dao, Set<String> names)
    {
        return names.isEmpty() ? Set.of() : new HashSet<>(dao.activeUserIds(List.copyOf(names)));
    }
}
