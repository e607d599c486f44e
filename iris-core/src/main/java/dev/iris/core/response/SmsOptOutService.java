package dev.iris.core.response;

import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * SMS opt-out keywords, as carriers and Twilio define them. STOP (STOPALL, UNSUBSCRIBE, CANCEL,
 * END, QUIT) disables the SMS contacts with that number ({@code target_contact.disabled}, so the
 * sender stops using them); START (YES, UNSTOP) enables them again. The reply is answered with a
 * confirmation and recorded in {@code response}; there is no incident to attach an event to.
 *
 * <p>Someone who stops SMS may stop getting pages, so when a contact actually changes state every
 * Iris admin (users with {@code admin=1} and an email contact) is told by an email queued as the
 * internal {@code iris} application, and the change is logged. Repeating the keyword changes
 * nothing and tells nobody again.
 */
public final class SmsOptOutService
{
    public static final Set<String> STOP_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    public static final Set<String> START_WORDS = Set.of("START", "YES", "UNSTOP");
    public static final String STOPPED = "You are unsubscribed from Iris text messages and will get no more pages by SMS. Reply START to resubscribe.";
    public static final String STARTED = "You are resubscribed to Iris text messages. Reply STOP to unsubscribe.";
    public static final String INTERNAL_APPLICATION = "iris";

    private static final Logger log = LoggerFactory.getLogger(SmsOptOutService.class);

    private final Jdbi jdbi;

    @Inject
    public SmsOptOutService(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    public static boolean isKeyword(String body)
    {
        String word = keyword(body);
        return STOP_WORDS.contains(word) || START_WORDS.contains(word);
    }

    /**
     * Applies an opt-out keyword from {@code source}; the confirmation to answer with, or empty
     * when the body is not a keyword.
     */
    public Optional<String> apply(String source, String body)
    {
        String word = keyword(body);
        boolean stop = STOP_WORDS.contains(word);
        if (!stop && !START_WORDS.contains(word)) {
            return Optional.empty();
        }
        List<String> destinations = PhoneNumbers.spellings(source);
        if (destinations.isEmpty()) {
            return Optional.of(stop ? STOPPED : STARTED);
        }
        jdbi.useTransaction(handle -> {
            SmsOptOutDao dao = handle.attach(SmsOptOutDao.class);
            handle.attach(ResponseDao.class).insert(null, ResponseDao.content(body), ResponseDao.source(source));
            List<String> users = dao.lockChanging(destinations, stop);
            if (users.isEmpty()) {
                return;
            }
            dao.setDisabled(destinations, stop);
            log.info("SMS {} from {}: SMS contact of {} {}", word, source, users, stop ? "disabled" : "enabled");
            tellAdmins(handle.attach(OutOfBandEmailDao.class), users, source, stop);
        });
        return Optional.of(stop ? STOPPED : STARTED);
    }

    private static void tellAdmins(OutOfBandEmailDao emails, List<String> users, String source, boolean stop)
    {
        String who = String.join(", ", users);
        String subject = stop ? "[iris] SMS turned off by " + who : "[iris] SMS turned back on by " + who;
        String body = stop
                ? who + " texted STOP from " + source + ". Iris will not send SMS to that number until they text START. "
                        + "Check that their other contact modes will still reach them for pages."
                : who + " texted START from " + source + ". Iris sends SMS to that number again.";
        for (OutOfBandEmailDao.Recipient admin : emails.findAdmins()) {
            if (emails.queue(INTERNAL_APPLICATION, admin.userId(), admin.destination(), OutOfBandEmailDao.subject(subject), body) == 0) {
                log.warn("Cannot tell admins about an SMS {}: there is no '{}' application", stop ? "STOP" : "START", INTERNAL_APPLICATION);
                return;
            }
        }
    }

    private static String keyword(String body)
    {
        return body == null ? "" : body.strip().toUpperCase(Locale.ROOT);
    }
}
