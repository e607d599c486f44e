package dev.iris.sender.dispatch;

import dev.iris.sender.dispatch.ContactDao.ModeChoices;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Decides the mode and destination of a message the way Iris does:
 * <ol>
 * <li>a message that already has a destination (literal targets, tracking) keeps it;</li>
 * <li>a forced mode (out-of-band {@code mode}) uses that mode's contact;</li>
 * <li>a category uses the user's override for it, else the category's mode;</li>
 * <li>otherwise the priority's mode: the user's setting for the application, the application's
 *     default, the user's global setting, the priority's system default, first match wins; the
 *     mode must be allowed for the application.</li>
 * </ol>
 * If that fails the message falls back to the user's email (audit "Changing mode due to original
 * mode failure"); without email it cannot be sent (audit {@code invalid}). A resolved mode then
 * goes through the user's reprioritization rules.
 *
 * <p>Once the message is claimed, {@link #applyRestrictions} applies Iris's restrictions on the
 * chosen contact: no calls to {@code +86} numbers ({@link CallRestriction}) and the fixed SMS body
 * for users who opted in ({@link SmsTemplateOverride}).
 */
public final class ContactResolver
{
    private final ModeCatalog modes;
    private final CallRestriction callRestriction;
    private final SmsTemplateOverride smsTemplateOverride;

    /**
     * @param smsOverrideTemplate the SMS body for users who opted into the template override;
     *        {@code %s} stands for the incident id
     */
    public ContactResolver(ModeCatalog modes, String smsOverrideTemplate)
    {
        this.modes = requireNonNull(modes, "modes is null");
        this.callRestriction = new CallRestriction(modes);
        this.smsTemplateOverride = new SmsTemplateOverride(smsOverrideTemplate);
    }

    /**
     * Where to send a message, or why it cannot be sent.
     */
    public record Contact(int modeId, String mode, String destination) {}

    /**
     * A contact chosen by the user's settings, with the user's reprioritization rule for its mode
     * (read in the same query).
     */
    private record Choice(Contact contact, Optional<ContactDao.ReprioritizationRule> rule) {}

    /**
     * @param contacts where modes and contacts are read (a claim pass asks each question once,
     *        {@link PassContacts})
     * @param messages the claim pass's message statements, for the audit entries (attached when first needed)
     */
    Optional<Contact> resolve(ContactDao contacts, Supplier<MessageDao> messages, MessageRow row, Instant now)
    {
        if (row.destination() != null && row.modeId() != null) {
            return Optional.of(new Contact(row.modeId(), modes.name(row.modeId()), row.destination()));
        }
        Optional<Choice> chosen = choose(contacts, row);
        if (chosen.isPresent()) {
            return Optional.of(reprioritize(contacts, messages, row, chosen.get(), now));
        }
        String failedMode = row.modeId() == null ? "" : modes.name(row.modeId());
        Optional<Integer> email = modes.id("email");
        if (row.targetId() != null && email.isPresent()) {
            Optional<String> address = contacts.contact(row.targetId(), email.get());
            if (address.isPresent()) {
                messages.get().audit(now, row.id(), "mode-change", failedMode, "email", "Changing mode due to original mode failure");
                return Optional.of(new Contact(email.get(), "email", address.get()));
            }
        }
        messages.get().audit(now, row.id(), "mode-change", failedMode, "invalid", "Ignore message as we failed to resolve target contact");
        return Optional.empty();
    }

    /**
     * Applies Iris's restrictions on where and what a claimed message may send, writing their
     * audit entries; call it before the message's mode and destination are stored.
     */
    public ClaimedMessage applyRestrictions(Handle handle, ClaimedMessage message, Instant now)
    {
        return smsTemplateOverride.apply(handle, callRestriction.apply(handle, message, now), now);
    }

    private Optional<Choice> choose(ContactDao contacts, MessageRow row)
    {
        if (row.targetId() == null || !"user".equals(row.targetType())) {
            return Optional.empty();
        }
        Optional<Integer> mode;
        if (row.modeId() != null) {
            mode = Optional.of(row.modeId());
        }
        else if (row.categoryId() != null) {
            mode = contacts.categoryMode(row.targetId(), row.categoryId());
        }
        else if (row.priorityId() != null) {
            Optional<ModeChoices> choices = contacts.modeChoices(row.targetId(), row.applicationId(), row.priorityId());
            if (choices.isPresent() && !choices.get().firstChoiceAllowed()) {
                return Optional.empty();
            }
            mode = choices.map(ContactResolver::firstChoice);
        }
        else {
            mode = Optional.empty();
        }
        if (mode.isEmpty()) {
            return Optional.empty();
        }
        String name = modes.name(mode.get());
        if (name.equals("drop")) {
            return Optional.of(new Choice(new Contact(mode.get(), name, ""), Optional.empty()));
        }
        ContactDao.ContactAndRule found = contacts.contactAndRule(row.targetId(), mode.get());
        if (found.destination() == null) {
            return Optional.empty();
        }
        return Optional.of(new Choice(new Contact(mode.get(), name, found.destination()), found.rule()));
    }

    private static Integer firstChoice(ModeChoices choices)
    {
        if (choices.userApplication() != null) {
            return choices.userApplication();
        }
        if (choices.applicationDefault() != null) {
            return choices.applicationDefault();
        }
        if (choices.userGlobal() != null) {
            return choices.userGlobal();
        }
        return choices.systemDefault();
    }

    /**
     * Applies "more than N messages in mode A within D seconds: switch to mode B" rules, following
     * chains of rules but never around a cycle. A rule whose target mode the user has no contact
     * for is ignored.
     */
    private Contact reprioritize(ContactDao contacts, Supplier<MessageDao> messages, MessageRow row, Choice choice, Instant now)
    {
        if (row.targetId() == null || !row.isFirstAttempt()) {
            return choice.contact();
        }
        Set<Integer> seen = new HashSet<>();
        seen.add(choice.contact().modeId());
        Contact current = choice.contact();
        Optional<ContactDao.ReprioritizationRule> rule = choice.rule();
        while (true) {
            if (rule.isEmpty() || seen.contains(rule.get().dstModeId())) {
                return current;
            }
            int recent = contacts.sentSince(row.targetId(), current.modeId(), now.minusSeconds(rule.get().duration()));
            if (recent + 1 <= rule.get().count()) {
                return current;
            }
            ContactDao.ContactAndRule next = contacts.contactAndRule(row.targetId(), rule.get().dstModeId());
            if (next.destination() == null) {
                return current;
            }
            String target = modes.name(rule.get().dstModeId());
            messages.get().audit(now, row.id(), "mode-change", current.mode(), target, "Changing mode due to reprioritization");
            current = new Contact(rule.get().dstModeId(), target, next.destination());
            seen.add(current.modeId());
            rule = next.rule();
        }
    }
}
