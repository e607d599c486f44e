package dev.iris.core.schedule;

import java.time.Instant;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * During [start, end) the requester's turns go to the partner and the partner's to the
 * requester, once the swap is accepted (by the partner, or made by an admin).
 */
public record ScheduleSwap(long id, ScheduleRole role, String requester, String partner, Instant start, Instant end, Status status)
{
    public enum Status
    {
        PENDING, ACCEPTED, REFUSED;

        public String wireName()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ScheduleSwap
    {
        requireNonNull(role, "role is null");
        requireNonNull(requester, "requester is null");
        requireNonNull(partner, "partner is null");
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        requireNonNull(status, "status is null");
    }

    boolean appliesAt(ScheduleRole role, Instant instant)
    {
        return status == Status.ACCEPTED && this.role == role && !start.isAfter(instant) && end.isAfter(instant);
    }
}
