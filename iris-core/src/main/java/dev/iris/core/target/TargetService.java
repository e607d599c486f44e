package dev.iris.core.target;

import dev.iris.common.http.IrisException;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Read-only lookups of targets and reference data: users by name, active users, team and list
 * members, contacts, target names by type, roles, modes, priorities.
 */
public final class TargetService
{
    private final Jdbi jdbi;
    private final TargetDao targets;

    @Inject
    public TargetService(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.targets = jdbi.onDemand(TargetDao.class);
    }

    public Optional<UserTarget> findUser(String name)
    {
        return targets.findUser(name);
    }

    /**
     * A user by name, or by id when the value is all digits (Iris's {@code /v0/users/{username|id}}).
     */
    public Optional<UserTarget> findUserByNameOrId(String nameOrId)
    {
        return targets.findUserByNameOrId(nameOrId);
    }

    public Optional<UserTarget> findActiveUser(String name)
    {
        return targets.findUser(name).filter(UserTarget::active);
    }

    public List<String> activeUserNames()
    {
        return targets.activeUserNames();
    }

    public List<String> activeTeamMembers(String team)
    {
        return jdbi.withHandle(handle -> RoleMembers.usernames(handle, "team", team));
    }

    public Optional<String> activeTeamManager(String team)
    {
        return jdbi.withHandle(handle -> RoleMembers.usernames(handle, "manager", team)).stream().findFirst();
    }

    public List<String> activeMailingListMembers(String list)
    {
        return jdbi.withHandle(handle -> RoleMembers.usernames(handle, "mailing-list", list));
    }

    /**
     * The user's contacts by mode name, including disabled ones.
     */
    public Map<String, String> contacts(long targetId)
    {
        return targets.contacts(targetId);
    }

    /**
     * Every target name, optionally only those starting with {@code prefix}.
     */
    public List<String> names(Optional<String> prefix)
    {
        return targets.names(prefix.map(TargetService::escapeLike).orElse(null));
    }

    /**
     * Target names of one type; 400 {@code Target type X not found} for an unknown type.
     */
    public List<String> namesOfType(String type, TargetQuery query)
    {
        int typeId = targets.findTypeId(type)
                .orElseThrow(() -> IrisException.badRequest("Target type " + type + " not found"));
        return targets.namesOfType(
                typeId,
                query.prefix().map(TargetService::escapeLike).orElse(null),
                query.name().orElse(null),
                query.names().isPresent(),
                query.names().orElse(List.of()),
                query.active().orElse(null));
    }

    public boolean exists(String name)
    {
        return targets.exists(name);
    }

    public List<TargetRole> roles()
    {
        return targets.roles();
    }

    /**
     * Mode names; {@code drop} is left out, as Iris does, so it never shows in pickers.
     */
    public List<String> modes()
    {
        return targets.modesWithoutDrop();
    }

    public List<Priority> priorities()
    {
        return targets.priorities();
    }

    /**
     * Filters for {@link #namesOfType}.
     */
    public record TargetQuery(Optional<String> prefix, Optional<String> name, Optional<List<String>> names, Optional<Boolean> active)
    {
        public TargetQuery
        {
            requireNonNull(prefix, "prefix is null");
            requireNonNull(name, "name is null");
            requireNonNull(names, "names is null");
            requireNonNull(active, "active is null");
        }
    }

    /**
     * Makes user text literal inside a LIKE pattern.
     */
    public static String escapeLike(String text)
    {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
