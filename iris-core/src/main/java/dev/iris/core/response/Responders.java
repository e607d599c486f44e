package dev.iris.core.response;

import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Identifies who replied, from the address the reply came from: the user whose contact for that
 * mode is that address (Iris's {@code lookup_username_from_contact}). Phone numbers match in any
 * spelling; email addresses case-insensitively; Slack by the Slack contact (with or without a
 * leading {@code @}) or else by an Iris user of that name.
 */
public final class Responders
{
    private final ResponderDao dao;

    @Inject
    public Responders(Jdbi jdbi)
    {
        this.dao = requireNonNull(jdbi, "jdbi is null").onDemand(ResponderDao.class);
    }

    public Optional<Responder> identify(String mode, String source)
    {
        requireNonNull(mode, "mode is null");
        if (source == null || source.isBlank()) {
            return Optional.empty();
        }
        String address = source.strip();
        return switch (mode) {
            case "sms", "call" -> dao.findByContact(mode, PhoneNumbers.spellings(address));
            case "email" -> dao.findByEmail(address.toLowerCase(Locale.ROOT));
            case "slack" -> {
                String bare = address.startsWith("@") ? address.substring(1) : address;
                Optional<Responder> byContact = dao.findByContact("slack", List.of(bare, "@" + bare));
                yield byContact.isPresent() ? byContact : dao.findByName(bare);
            }
            case "mattermost" -> {
                // Contacts are usernames, written with or without '@'; a channel button sends the bare user_name.
                String bare = address.startsWith("@") ? address.substring(1) : address;
                yield dao.findByContact("mattermost", List.of(bare, "@" + bare));
            }
            default -> dao.findByContact(mode, List.of(address));
        };
    }
}
