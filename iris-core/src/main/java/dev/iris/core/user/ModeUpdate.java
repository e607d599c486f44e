package dev.iris.core.user;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A change to a user's priority-to-mode settings, in one of Iris's three forms:
 * <ul>
 * <li>global only: {@code application} empty, {@code perApplication} empty;</li>
 * <li>one application: {@code application} set, {@code modes} are that application's;</li>
 * <li>many applications: {@code perApplication} set, {@code modes} are global ones.</li>
 * </ul>
 * The mode {@code default} removes the setting for that priority.
 */
public record ModeUpdate(Optional<String> application, Map<String, String> modes, Optional<Map<String, Map<String, String>>> perApplication)
{
    public static final String DEFAULT = "default";

    public ModeUpdate
    {
        requireNonNull(application, "application is null");
        requireNonNull(modes, "modes is null");
        requireNonNull(perApplication, "perApplication is null");
    }
}
