package dev.iris.core.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One rotation of a team role, as it applies from {@code createdAt} until {@code endedAt} (null:
 * still in force).
 *
 * @param anchor the first handoff, on the wall clock of {@code zone}
 */
public record Rotation(long id, String name, ScheduleRole role, ZoneId zone, LocalDateTime anchor, ShiftPattern pattern,
        Restriction restriction, Instant createdAt, Instant endedAt, List<Membership> members)
{
    public Rotation
    {
        requireNonNull(name, "name is null");
        requireNonNull(role, "role is null");
        requireNonNull(zone, "zone is null");
        requireNonNull(anchor, "anchor is null");
        requireNonNull(pattern, "pattern is null");
        requireNonNull(restriction, "restriction is null");
        requireNonNull(createdAt, "createdAt is null");
        members = List.copyOf(members);
    }

    /**
     * A person's place in a rotation from {@code joined} until {@code left} (null: still there).
     */
    public record Membership(String user, int position, Instant joined, Instant left)
    {
        public Membership
        {
            requireNonNull(user, "user is null");
            requireNonNull(joined, "joined is null");
        }

        boolean activeAt(Instant instant)
        {
            return !joined.isAfter(instant) && (left == null || left.isAfter(instant));
        }
    }

    public boolean inForceAt(Instant instant)
    {
        return !createdAt.isAfter(instant) && (endedAt == null || endedAt.isAfter(instant));
    }

    public ZonedDateTime anchorInstant()
    {
        return anchor.atZone(zone);
    }

    /**
     * The people in the rotation at an instant, in rotation order.
     */
    public List<String> rosterAt(Instant instant)
    {
        return members.stream()
                .filter(member -> member.activeAt(instant))
                .sorted(Comparator.comparingInt(Membership::position).thenComparing(Membership::joined))
                .map(Membership::user)
                .toList();
    }

    /**
     * Who this rotation puts on call at an instant, ignoring its restriction. A shift goes to
     * the person whose turn it is in the roster as it stood when the shift began (or when the
     * rotation began, if later), so people joining mid-shift take no shift over; if that person
     * has left since, the roster of the moment decides.
     */
    public Optional<String> holderAt(Instant instant)
    {
        ZonedDateTime anchorAt = anchorInstant();
        ZonedDateTime at = instant.atZone(zone);
        if (!inForceAt(instant) || at.isBefore(anchorAt)) {
            return Optional.empty();
        }
        long index = pattern.indexAt(anchorAt, at);
        Instant shiftStart = pattern.boundary(anchorAt, index).toInstant();
        Instant rosterTime = shiftStart.isBefore(createdAt) ? createdAt : shiftStart;
        List<String> roster = rosterAt(rosterTime);
        List<String> now = rosterAt(instant);
        if (!roster.isEmpty()) {
            String holder = roster.get((int) Math.floorMod(index, roster.size()));
            if (now.contains(holder)) {
                return Optional.of(holder);
            }
        }
        return now.isEmpty() ? Optional.empty() : Optional.of(now.get((int) Math.floorMod(index, now.size())));
    }

    public boolean allows(Instant instant)
    {
        return restriction.allows(instant.atZone(zone));
    }

    /**
     * Every instant in [from, to) where this rotation's answer may change: handoffs, membership
     * changes, restriction edges, its own start and end.
     */
    void changesBetween(Instant from, Instant to, java.util.Collection<Instant> into)
    {
        addIfWithin(createdAt, from, to, into);
        if (endedAt != null) {
            addIfWithin(endedAt, from, to, into);
        }
        for (Membership member : members) {
            addIfWithin(member.joined(), from, to, into);
            if (member.left() != null) {
                addIfWithin(member.left(), from, to, into);
            }
        }
        ZonedDateTime anchorAt = anchorInstant();
        ZonedDateTime start = from.atZone(zone);
        long index = start.isBefore(anchorAt) ? 0 : pattern.indexAt(anchorAt, start);
        for (int guard = 0; guard < 100_000; guard++, index++) {
            Instant boundary = pattern.boundary(anchorAt, index).toInstant();
            if (!boundary.isBefore(to)) {
                break;
            }
            addIfWithin(boundary, from, to, into);
        }
        if (restriction != Restriction.NONE) {
            for (ZonedDateTime day = start.toLocalDate().atStartOfDay(zone); day.toInstant().isBefore(to); day = day.plusDays(1)) {
                addIfWithin(day.with(Restriction.BUSINESS_START).toInstant(), from, to, into);
                addIfWithin(day.with(Restriction.BUSINESS_END).toInstant(), from, to, into);
            }
        }
    }

    static void addIfWithin(Instant instant, Instant from, Instant to, java.util.Collection<Instant> into)
    {
        if (!instant.isBefore(from) && instant.isBefore(to)) {
            into.add(instant);
        }
    }
}
