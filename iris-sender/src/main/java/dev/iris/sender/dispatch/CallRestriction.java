package dev.iris.sender.dispatch;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Iris does not call Chinese numbers (legal restrictions): a {@code call} to a {@code +86}
 * destination goes out as an {@code sms} to the same number, with a notice before the body and
 * a {@code mode-change} audit entry.
 *
 * <p>The notice is stored in the message's body (rendered templates follow the stored body), so a
 * message taken over after a sender died, which is already in {@code sms} mode, still carries it.
 */
final class CallRestriction
{
    static final String RESTRICTED_PREFIX = "+86";
    static final String NOTICE = "Due to legal restrictions we are unable to deliver calls to China. Please check Iris for complete "
            + "incident details and change your settings to use sms, slack, or email instead - ";

    private final ModeCatalog modes;

    CallRestriction(ModeCatalog modes)
    {
        this.modes = requireNonNull(modes, "modes is null");
    }

    ClaimedMessage apply(Handle handle, ClaimedMessage message, Instant now)
    {
        if (!message.mode().equals("call") || !message.destination().startsWith(RESTRICTED_PREFIX)) {
            return message;
        }
        Optional<Integer> sms = modes.id("sms");
        if (sms.isEmpty()) {
            return message;
        }
        MessageDao dao = handle.attach(MessageDao.class);
        String body = NOTICE + (message.row().body() == null ? "" : message.row().body());
        dao.setBody(message.id(), body);
        dao.audit(now, message.id(), "mode-change", "call", "sms", "Changing mode due to calling restriction");
        return message.withRow(message.row().withBody(body)).withContact(sms.get(), "sms", message.destination());
    }
}
