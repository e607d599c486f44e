package dev.iris.sender.dispatch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Carriers in some countries (India, for one) drop SMS whose text was not registered in advance.
 * Users there opt in ({@code mode_template_override}, set through the user settings API) to
 * receive incident SMS with a fixed body, the sender's {@code smsOverrideTemplate} with
 * {@code %s} replaced by the incident id, and a {@code content-change} audit entry. The
 * subject is still rendered: it carries the message id that replies name.
 *
 * <p>As in Iris the opt-in is found through the destination: the users whose SMS contact is the
 * number. It is decided again on every claim (so a message taken over after a sender died gets
 * the same body); the audit entry is written on the first.
 */
final class SmsTemplateOverride
{
    private final String template;
    // Read for every incident SMS; a change applies within seconds.
    private final Cache<List<Object>, Boolean> optedIn = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(5))
            .maximumSize(10_000)
            .build();

    SmsTemplateOverride(String template)
    {
        this.template = requireNonNull(template, "template is null");
    }

    ClaimedMessage apply(Handle handle, ClaimedMessage message, Instant now)
    {
        MessageRow row = message.row();
        if (!message.mode().equals("sms") || row.incidentId() == null || message.batchSize() > 1) {
            return message;
        }
        boolean override = optedIn.get(List.of(message.destination(), message.modeId()), key -> handle.createQuery("""
                        SELECT EXISTS (
                            SELECT 1 FROM mode_template_override o
                            JOIN target_contact c ON c.target_id = o.target_id AND c.mode_id = o.mode_id
                            WHERE c.destination = :destination AND o.mode_id = :mode)""")
                .bind("destination", message.destination())
                .bind("mode", message.modeId())
                .mapTo(Boolean.class)
                .one());
        if (!override) {
            return message;
        }
        if (row.isFirstAttempt()) {
            handle.attach(MessageDao.class).audit(now, row.id(), "content-change", "sms", "sms",
                    "Replaced SMS body to avoid being blocked by carrier");
        }
        return message.withReplacementBody(template.replace("%s", String.valueOf(row.incidentId())));
    }
}
