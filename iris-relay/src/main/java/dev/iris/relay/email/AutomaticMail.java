package dev.iris.relay.email;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognizes auto-replies and bulk mail, which must never reach the API: an out-of-office reply
 * to a page is not a claim, and answering it would start a mail loop.
 */
public final class AutomaticMail
{
    private static final Set<String> BULK_PRECEDENCE = Set.of("bulk", "junk", "list", "auto_reply");

    private AutomaticMail() {}

    /**
     * Why the mail is automatic, or empty when a person wrote it.
     */
    public static Optional<String> reason(InboundEmail mail)
    {
        Optional<String> autoSubmitted = mail.header("Auto-Submitted").map(AutomaticMail::keyword);
        if (autoSubmitted.isPresent() && !autoSubmitted.get().equals("no")) {
            return Optional.of("Auto-Submitted: " + autoSubmitted.get());
        }
        if (mail.header("X-Autoreply").map(AutomaticMail::keyword).filter(value -> !value.equals("no")).isPresent()) {
            return Optional.of("X-Autoreply");
        }
        if (mail.header("X-Autorespond").isPresent()) {
            return Optional.of("X-Autorespond");
        }
        Optional<String> precedence = mail.header("Precedence").map(AutomaticMail::keyword);
        if (precedence.isPresent() && BULK_PRECEDENCE.contains(precedence.get())) {
            return Optional.of("Precedence: " + precedence.get());
        }
        return Optional.empty();
    }

    private static String keyword(String value)
    {
        int semicolon = value.indexOf(';');
        String keyword = semicolon < 0 ? value : value.substring(0, semicolon);
        return keyword.strip().toLowerCase(Locale.ROOT);
    }
}
