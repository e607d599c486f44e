package dev.iris.spi.people;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A person as an outside directory describes them to {@link IrisPeople#upsertUsers}: their Iris
 * user name and the addresses the directory knows, by mode (for example {@code email} to an
 * address, {@code sms} and {@code call} to an E.164 number).
 */
public record DirectoryUser(String name, Map<String, String> contacts)
{
    public DirectoryUser
    {
        requireNonNull(name, "name is null");
        contacts = Map.copyOf(requireNonNull(contacts, "contacts is null"));
    }
}
