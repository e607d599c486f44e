package dev.iris.spi.people;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Iris's own users, teams and mailing lists, as a directory sync keeps them in step with an
 * outside directory. Everything is named as Iris names it: users, teams and lists by their name,
 * contacts by their mode ({@code email}, {@code sms}, {@code call}, ...).
 *
 * <p>Every write is an upsert that leaves the rows as the call describes them, whatever was there
 * before, so two senders running the same sync at once converge on the same rows. Each call runs
 * in short transactions of its own (a transaction the database rolls back for a deadlock runs
 * again), so a long sync does not hold locks that page-outs wait on.
 *
 * <p>Members and managers are Iris users that are active; a name that is not one is ignored, so
 * a sync writes its people first ({@link #upsertUsers}) and its teams and lists after.
 */
public interface IrisPeople
{
    /**
     * Creates each user that does not exist and activates each one that does, then sets the
     * contacts the directory gives: a contact whose address changed is enabled again (a STOP
     * sent to the old number says nothing about the new one), an unchanged one keeps its
     * disabled mark. Contacts of modes not given are left as users set them; modes Iris does
     * not know are skipped. Written in batches of a few hundred users per transaction.
     */
    void upsertUsers(List<DirectoryUser> users);

    /**
     * The names of the active users, local accounts included.
     */
    Set<String> activeUserNames();

    /**
     * Creates (or activates) the team and makes its members exactly {@code members} and its
     * manager {@code manager} (none when empty or not an active user), in one transaction.
     */
    void upsertTeam(String team, Set<String> members, Optional<String> manager);

    /**
     * Creates (or activates) the mailing list and makes its members exactly {@code members}, and
     * its member count their number, in one transaction.
     */
    void upsertMailingList(String list, Set<String> members);

    /**
     * Deactivates the named users (they keep their rows, and come back active when a later
     * {@link #upsertUsers} names them). Names that are not users are ignored.
     */
    void deactivateUsers(Collection<String> names);
}
