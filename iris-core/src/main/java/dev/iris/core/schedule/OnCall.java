package dev.iris.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Who is on call: the one place the answer is computed, from a {@link TeamSchedule} alone (pure,
 * no database, no clock), for the role lookup, the API, the UI, the calendars and the handoff
 * notices.
 *
 * <p>At an instant, a role's people are: the holders of its rotations in force that allow that
 * instant (restriction layers), in rotation order; then accepted swaps exchange their two people;
 * then overrides put their person in place of the one they replace, and an override that
 * replaces nobody in particular takes the whole role.
 */
public final class OnCall
{
    /** The longest window a timeline may cover. */
    public static final Duration MAX_WINDOW = Duration.ofDays(400);

    private final TeamSchedule schedule;

    public OnCall(TeamSchedule schedule)
    {
        this.schedule = requireNonNull(schedule, "schedule is null");
    }

    public TeamSchedule schedule()
    {
        return schedule;
    }

    /**
     * The people on call, or empty when the team does not schedule this role at that instant
     * (no rotation in force and no override), so another source may answer.
     */
    public Optional<List<String>> at(ScheduleRole role, Instant instant)
    {
        boolean scheduled = false;
        Set<String> people = new LinkedHashSet<>();
        for (Rotation rotation : schedule.rotations()) {
            if (rotation.role() != role || !rotation.inForceAt(instant)) {
                continue;
            }
            scheduled = true;
            if (rotation.allows(instant)) {
                rotation.holderAt(instant).ifPresent(people::add);
            }
        }
        List<String> result = new ArrayList<>(people);
        for (ScheduleSwap swap : schedule.swaps()) {
            if (swap.appliesAt(role, instant)) {
                result.replaceAll(user -> user.equals(swap.requester()) ? swap.partner() : user.equals(swap.partner()) ? swap.requester() : user);
            }
        }
        List<String> takeOver = new ArrayList<>();
        for (ScheduleOverride override : schedule.overrides()) {
            if (!override.covers(role, instant)) {
                continue;
            }
            scheduled = true;
            if (override.replaced() == null) {
                takeOver.add(override.user());
            }
            else {
                result.replaceAll(user -> user.equals(override.replaced()) ? override.user() : user);
            }
        }
        if (!takeOver.isEmpty()) {
            result = takeOver;
        }
        return scheduled ? Optional.of(List.copyOf(new LinkedHashSet<>(result))) : Optional.empty();
    }

    /**
     * The roles the team schedules at some time.
     */
    public Set<ScheduleRole> roles()
    {
        Set<ScheduleRole> roles = new TreeSet<>();
        schedule.rotations().forEach(rotation -> roles.add(rotation.role()));
        schedule.overrides().forEach(override -> roles.add(override.role()));
        return roles;
    }

    /**
     * The role's segments covering [from, to), adjacent segments with the same people merged.
     */
    public List<Segment> timeline(ScheduleRole role, Instant from, Instant to)
    {
        checkWindow(from, to);
        TreeSet<Instant> changes = new TreeSet<>();
        changes.add(from);
        for (Rotation rotation : schedule.rotations()) {
            if (rotation.role() == role) {
                rotation.changesBetween(from, to, changes);
            }
        }
        for (ScheduleOverride override : schedule.overrides()) {
            if (override.role() == role) {
                Rotation.addIfWithin(override.start(), from, to, changes);
                Rotation.addIfWithin(override.end(), from, to, changes);
            }
        }
        for (ScheduleSwap swap : schedule.swaps()) {
            if (swap.role() == role) {
                Rotation.addIfWithin(swap.start(), from, to, changes);
                Rotation.addIfWithin(swap.end(), from, to, changes);
            }
        }
        List<Segment> segments = new ArrayList<>();
        List<Instant> points = new ArrayList<>(changes);
        for (int i = 0; i < points.size(); i++) {
            Instant start = points.get(i);
            Instant end = i + 1 < points.size() ? points.get(i + 1) : to;
            Optional<List<String>> people = at(role, start);
            Segment segment = new Segment(role, start, end, people.orElse(List.of()), people.isPresent());
            if (!segments.isEmpty()) {
                Segment last = segments.get(segments.size() - 1);
                if (last.users().equals(segment.users()) && last.scheduled() == segment.scheduled()) {
                    segments.set(segments.size() - 1, new Segment(role, last.start(), end, last.users(), last.scheduled()));
                    continue;
                }
            }
            segments.add(segment);
        }
        return segments;
    }

    /**
     * Each person's uninterrupted stretches on call for the role within [from, to), by start.
     */
    public List<Shift> shifts(ScheduleRole role, Instant from, Instant to)
    {
        Map<String, Instant> openSince = new LinkedHashMap<>();
        List<Shift> shifts = new ArrayList<>();
        for (Segment segment : timeline(role, from, to)) {
            for (String user : List.copyOf(openSince.keySet())) {
                if (!segment.users().contains(user)) {
                    Instant start = openSince.remove(user);
                    shifts.add(new Shift(role, user, start, segment.start(), start.isAfter(from), true));
                }
            }
            for (String user : segment.users()) {
                openSince.putIfAbsent(user, segment.start());
            }
        }
        openSince.forEach((user, start) -> shifts.add(new Shift(role, user, start, to, start.isAfter(from), false)));
        shifts.sort(java.util.Comparator.comparing(Shift::start).thenComparing(Shift::user));
        return shifts;
    }

    /**
     * The gaps (scheduled, nobody on call) of the role within [from, to).
     */
    public List<Segment> gaps(ScheduleRole role, Instant from, Instant to)
    {
        return timeline(role, from, to).stream().filter(Segment::isGap).toList();
    }

    private static void checkWindow(Instant from, Instant to)
    {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the window must end after it starts");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("a window covers at most " + MAX_WINDOW.toDays() + " days");
        }
    }
}
