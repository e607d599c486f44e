package dev.iris.core.status;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Emails to subscribers and reminders to responders, written as queued message rows inside the
 * caller's transaction: the sender delivers them with the durability, retries and fallbacks of
 * every other message.
 */
public final class StatusNotices
{
    private static final Logger log = LoggerFactory.getLogger(StatusNotices.class);
    private static final int MAX_SUBJECT = 255;

    private final StatusSettings settings;

    public StatusNotices(StatusSettings settings)
    {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * One email to every confirmed subscriber, each with their own unsubscribe link.
     */
    public int toSubscribers(Handle handle, Instant now, String subject, String body)
    {
        StatusDao dao = handle.attach(StatusDao.class);
        Optional<Integer> application = application(dao);
        Optional<Integer> email = dao.emailModeId();
        if (application.isEmpty() || email.isEmpty()) {
            return 0;
        }
        int sent = 0;
        for (StatusDao.Subscriber subscriber : dao.confirmedSubscribers()) {
            dao.queueEmail(now, application.get(), email.get(), subscriber.email(), truncate(subject),
                    body + "\n\n" + settings.publicUrl() + "/status\nUnsubscribe: " + unsubscribeLink(subscriber.token()) + "\n");
            sent++;
        }
        return sent;
    }

    /**
     * The confirmation email of a new subscription.
     */
    public void confirmation(Handle handle, Instant now, String address, String token)
    {
        StatusDao dao = handle.attach(StatusDao.class);
        Optional<Integer> application = application(dao);
        Optional<Integer> email = dao.emailModeId();
        if (application.isEmpty() || email.isEmpty()) {
            return;
        }
        dao.queueEmail(now, application.get(), email.get(), address, truncate("Confirm your subscription to " + settings.pageTitle()), """
                Someone (hopefully you) asked to receive %s updates at this address.

                Confirm: %s/status/subscriptions/confirm?token=%s

                If it was not you, ignore this email: nothing will be sent without confirmation.
                """.formatted(settings.pageTitle(), settings.publicUrl(), token));
    }

    /**
     * A reminder to a user, through their contact mode for the priority {@code high}.
     */
    public void toUser(Handle handle, Instant now, long userId, String subject, String body)
    {
        StatusDao dao = handle.attach(StatusDao.class);
        Optional<Integer> application = application(dao);
        Optional<Integer> priority = dao.highPriorityId();
        if (application.isEmpty() || priority.isEmpty()) {
            return;
        }
        dao.queueNotice(now, application.get(), userId, priority.get(), truncate(subject), body);
    }

    public String unsubscribeLink(String token)
    {
        return settings.publicUrl() + "/status/subscriptions/unsubscribe?token=" + token;
    }

    private Optional<Integer> application(StatusDao dao)
    {
        Optional<Integer> application = dao.applicationId(settings.noticeApplication());
        if (application.isEmpty()) {
            log.error("Status notices are not sent: the application {} (status.noticeApplication) does not exist", settings.noticeApplication());
        }
        return application;
    }

    private static String truncate(String value)
    {
        return value.length() <= MAX_SUBJECT ? value : value.substring(0, MAX_SUBJECT);
    }
}
