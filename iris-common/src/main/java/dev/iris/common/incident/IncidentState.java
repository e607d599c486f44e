package dev.iris.common.incident;

/**
 * The one vocabulary for where an incident stands, shared by the web UI, the CLI, the API's
 * {@code unacknowledged} search filter and the plan simulation, so a person reads the same word
 * everywhere.
 *
 * <p>Iris itself only has the {@code active} flag and an owner. An incident whose plan ran out
 * with nobody claiming it is inactive and ownerless; Iris's UI files it with the closed ones. It is
 * the opposite of closed: everybody was paged and nobody answered. We call it
 * {@link #UNACKNOWLEDGED} and keep it in front of people until someone claims or resolves it.
 */
public enum IncidentState
{
    /** The plan is paging people. */
    ACTIVE("active"),
    /** A maintenance window covers it: recorded, but nobody is paged until the window ends. */
    SILENCED("silenced"),
    /** The plan ran out and nobody claimed or resolved the incident. */
    UNACKNOWLEDGED("unacknowledged"),
    /** Somebody owns it; paging stopped. */
    CLAIMED("claimed"),
    /** Marked resolved; paging stopped. */
    RESOLVED("resolved");

    /**
     * The SQL condition for {@link #UNACKNOWLEDGED} on the {@code incident} table under the given
     * alias (a constant of our own code).
     */
    public static String unacknowledgedSql(String alias)
    {
        return "(" + alias + ".active = 0 AND " + alias + ".owner_id IS NULL AND " + alias + ".resolved = 0)";
    }

    private final String label;

    IncidentState(String label)
    {
        this.label = label;
    }

    /**
     * The word people see.
     */
    public String label()
    {
        return label;
    }

    /**
     * The state of an incident from its three columns. Resolved wins (a resolved incident no longer
     * needs anybody, owned or not), then the owner, then the active flag.
     */
    public static IncidentState of(boolean active, boolean owned, boolean resolved)
    {
        return of(active, owned, resolved, false);
    }

    /**
     * As {@link #of(boolean, boolean, boolean)}, for an incident a maintenance window may have
     * silenced: silenced comes after resolved and claimed.
     */
    public static IncidentState of(boolean active, boolean owned, boolean resolved, boolean silenced)
    {
        if (resolved) {
            return RESOLVED;
        }
        if (owned) {
            return CLAIMED;
        }
        if (silenced) {
            return SILENCED;
        }
        return active ? ACTIVE : UNACKNOWLEDGED;
    }

    @Override
    public String toString()
    {
        return label;
    }
}
