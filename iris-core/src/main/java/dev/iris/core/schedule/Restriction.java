package dev.iris.core.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * When a rotation applies: always, in business hours (Monday to Friday 09:00-17:00 in the
 * rotation's time zone), or after hours (the rest of the week). Two rotations of one role with
 * complementary restrictions make a day/night layer pair.
 */
public enum Restriction
{
    NONE, BUSINESS_HOURS, AFTER_HOURS;

    static final LocalTime BUSINESS_START = LocalTime.of(9, 0);
    static final LocalTime BUSINESS_END = LocalTime.of(17, 0);

    public String wireName()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Restriction> fromWireName(String name)
    {
        for (Restriction restriction : values()) {
            if (restriction.wireName().equals(name)) {
                return Optional.of(restriction);
            }
        }
        return Optional.empty();
    }

    boolean allows(ZonedDateTime local)
    {
        return switch (this) {
            case NONE -> true;
            case BUSINESS_HOURS -> isBusinessHours(local);
            case AFTER_HOURS -> !isBusinessHours(local);
        };
    }

    private static boolean isBusinessHours(ZonedDateTime local)
    {
        DayOfWeek day = local.getDayOfWeek();
        LocalTime time = local.toLocalTime();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY
                && !time.isBefore(BUSINESS_START) && time.isBefore(BUSINESS_END);
    }
}
