package dev.iris.sender.dispatch;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A claim pass's view of people's modes and contacts: each distinct question is asked once per
 * pass. A storm pages the same on-call person for many incidents, and a pass of fifty of their
 * messages then reads their modes and contact once instead of fifty times. The answers are
 * those of the pass's own READ COMMITTED reads, so a contact changed while the pass runs reaches
 * the next pass, a few milliseconds later, as it would have reached the pass's later messages.
 * The count of recent messages behind reprioritization is not kept: it changes as sends are
 * recorded.
 *
 * <p>Not thread-safe: one per pass.
 */
final class PassContacts
        implements ContactDao
{
    private final ContactDao dao;
    private final Map<List<Object>, Optional<ModeChoices>> modeChoices = new HashMap<>();
    private final Map<List<Object>, ContactAndRule> contactsAndRules = new HashMap<>();
    private final Map<List<Object>, Optional<Integer>> categoryModes = new HashMap<>();
    private final Map<List<Object>, Optional<String>> contacts = new HashMap<>();

    PassContacts(ContactDao dao)
    {
        this.dao = requireNonNull(dao, "dao is null");
    }

    @Override
    public Optional<ModeChoices> modeChoices(long targetId, int applicationId, int priorityId)
    {
        return modeChoices.computeIfAbsent(List.of(targetId, applicationId, priorityId),
                key -> dao.modeChoices(targetId, applicationId, priorityId));
    }

    @Override
    public ContactAndRule contactAndRule(long targetId, int modeId)
    {
        return contactsAndRules.computeIfAbsent(List.of(targetId, modeId), key -> dao.contactAndRule(targetId, modeId));
    }

    @Override
    public Optional<Integer> categoryMode(long targetId, int categoryId)
    {
        return categoryModes.computeIfAbsent(List.of(targetId, categoryId), key -> dao.categoryMode(targetId, categoryId));
    }

    @Override
    public Optional<String> contact(long targetId, int modeId)
    {
        return contacts.computeIfAbsent(List.of(targetId, modeId), key -> dao.contact(targetId, modeId));
    }

    @Override
    public int sentSince(long targetId, int modeId, Instant since)
    {
        return dao.sentSince(targetId, modeId, since);
    }
}
