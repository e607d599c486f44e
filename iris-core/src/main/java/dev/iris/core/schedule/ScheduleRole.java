package dev.iris.core.schedule;

import java.util.Locale;
import java.util.Optional;

/**
 * The roles a team's schedule fills, as Oncall names them.
 */
public enum ScheduleRole
{
    PRIMARY, SECONDARY, SHADOW, MANAGER;

    public String wireName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ScheduleRole> fromWireName(String name)
    {
        for (ScheduleRole role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /**
     * The schedule role behind a plan's role name: {@code oncall} and {@code oncall-primary} are
     * the primary, {@code oncall-secondary}, {@code oncall-shadow} the others, {@code manager}
     * the manager rotation (when the team has one; otherwise the database's team manager answers).
     */
    public static Optional<ScheduleRole> fromPlanRole(String role)
    {
        return switch (role) {
            case "oncall", "oncall-primary" -> Optional.of(PRIMARY);
            case "oncall-secondary" -> Optional.of(SECONDARY);
            case "oncall-shadow" -> Optional.of(SHADOW);
            case "manager" -> Optional.of(MANAGER);
            default -> Optional.empty();
        };
    }
}
