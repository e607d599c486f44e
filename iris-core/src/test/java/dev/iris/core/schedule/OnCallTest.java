package dev.iris.core.schedule;

import dev.iris.core.schedule.Rotation.Membership;
import dev.iris.core.schedule.ScheduleSwap.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who is on call, computed without a database: handoffs across daylight-saving changes, overrides,
 * swaps, membership changes, restriction layers and gaps.
 */
final class OnCallTest
{
    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Rotation weekly(ZoneId zone, LocalDateTime anchor, String... users)
    {
        return rotation("weekly", ScheduleRole.PRIMARY, zone, anchor, "1w", Restriction.NONE, users);
    }

    private static Rotation rotation(String name, ScheduleRole role, ZoneId zone, LocalDateTime anchor, String shift, Restriction restriction, String... users)
    {
        List<Membership> members = new ArrayList<>();
        for (int i = 0; i < users.length; i++) {
            members.add(new Membership(users[i], i, LONG_AGO, null));
        }
        return new Rotation(1, name, role, zone, anchor, ShiftPattern.parse(shift), restriction, LONG_AGO, null, members);
    }

    private static OnCall onCall(List<Rotation> rotations, List<ScheduleOverride> overrides, List<ScheduleSwap> swaps)
    {
        return new OnCall(new TeamSchedule("ops", TeamSchedule.DEFAULT_NOTICE_LEAD, rotations, overrides, swaps));
    }

    private static OnCall onCall(Rotation... rotations)
    {
        return onCall(List.of(rotations), List.of(), List.of());
    }

    private static List<String> primaryAt(OnCall onCall, ZonedDateTime at)
    {
        return onCall.at(ScheduleRole.PRIMARY, at.toInstant()).orElseThrow();
    }

    /**
     * The local times of the handoffs in a window: the starts of the timeline's segments after the first.
     */
    private static List<ZonedDateTime> handoffs(OnCall onCall, ZoneId zone, ZonedDateTime from, ZonedDateTime to)
    {
        return onCall.timeline(ScheduleRole.PRIMARY, from.toInstant(), to.toInstant()).stream()
                .skip(1)
                .map(segment -> segment.start().atZone(zone))
                .toList();
    }

    @Test
    void weeklyHandoffStaysAtNineInBerlinAcrossSpringForwardAndFallBack()
    {
        // Monday 2024-03-25 09:00 is the first Monday after Berlin moved to summer time (31 March is
        // the change; start two weeks earlier so the change falls inside a shift).
        OnCall onCall = onCall(weekly(BERLIN, LocalDateTime.parse("2024-03-18T09:00"), "alice", "bob"));

        List<ZonedDateTime> spring = handoffs(onCall, BERLIN, ZonedDateTime.of(2024, 3, 19, 0, 0, 0, 0, BERLIN), ZonedDateTime.of(2024, 4, 10, 0, 0, 0, 0, BERLIN));
        assertThat(spring).extracting(ZonedDateTime::toLocalDateTime).containsExactly(
                LocalDateTime.parse("2024-03-25T09:00"), LocalDateTime.parse("2024-04-01T09:00"), LocalDateTime.parse("2024-04-08T09:00"));
        // The week with the change is an hour shorter in elapsed time.
        assertThat(Duration.between(spring.get(0), spring.get(1))).isEqualTo(Duration.ofHours(167));

        List<ZonedDateTime> autumn = handoffs(onCall, BERLIN, ZonedDateTime.of(2024, 10, 22, 0, 0, 0, 0, BERLIN), ZonedDateTime.of(2024, 11, 5, 0, 0, 0, 0, BERLIN));
        assertThat(autumn).extracting(ZonedDateTime::toLocalDateTime).containsExactly(
                LocalDateTime.parse("2024-10-28T09:00"), LocalDateTime.parse("2024-11-04T09:00"));
        assertThat(Duration.between(autumn.get(0), autumn.get(1))).isEqualTo(Duration.ofHours(168));
        assertThat(Duration.between(ZonedDateTime.of(2024, 10, 21, 9, 0, 0, 0, BERLIN), autumn.get(0))).isEqualTo(Duration.ofHours(169));

        // Alternating weeks: 18 March alice, 25 March bob, 1 April alice.
        assertThat(primaryAt(onCall, ZonedDateTime.of(2024, 4, 1, 8, 59, 0, 0, BERLIN))).containsExactly("bob");
        assertThat(primaryAt(onCall, ZonedDateTime.of(2024, 4, 1, 9, 0, 0, 0, BERLIN))).containsExactly("alice");
    }

    @Test
    void weeklyHandoffStaysAtNineInNewYorkAcrossSpringForwardAndFallBack()
    {
        // New York moved to summer time on Sunday 10 March 2024 and back on Sunday 3 November 2024.
        OnCall onCall = onCall(weekly(NEW_YORK, LocalDateTime.parse("2024-03-04T09:00"), "alice", "bob"));

        List<ZonedDateTime> spring = handoffs(onCall, NEW_YORK, ZonedDateTime.of(2024, 3, 5, 0, 0, 0, 0, NEW_YORK), ZonedDateTime.of(2024, 3, 20, 0, 0, 0, 0, NEW_YORK));
        assertThat(spring).extracting(ZonedDateTime::toLocalDateTime).containsExactly(
                LocalDateTime.parse("2024-03-11T09:00"), LocalDateTime.parse("2024-03-18T09:00"));
        assertThat(spring.get(0).toInstant()).isEqualTo(Instant.parse("2024-03-11T13:00:00Z"));

        List<ZonedDateTime> autumn = handoffs(onCall, NEW_YORK, ZonedDateTime.of(2024, 10, 29, 0, 0, 0, 0, NEW_YORK), ZonedDateTime.of(2024, 11, 12, 0, 0, 0, 0, NEW_YORK));
        assertThat(autumn).extracting(ZonedDateTime::toLocalDateTime).containsExactly(
                LocalDateTime.parse("2024-11-04T09:00"), LocalDateTime.parse("2024-11-11T09:00"));
        assertThat(autumn.get(0).toInstant()).isEqualTo(Instant.parse("2024-11-04T14:00:00Z"));

        // 35 weeks after 4 March: the odd week is bob's.
        assertThat(primaryAt(onCall, ZonedDateTime.of(2024, 11, 4, 8, 59, 0, 0, NEW_YORK))).containsExactly("alice");
        assertThat(primaryAt(onCall, ZonedDateTime.of(2024, 11, 4, 9, 0, 0, 0, NEW_YORK))).containsExactly("bob");
    }

    @Test
    void hourShiftsCountElapsedHoursAcrossDaylightSaving()
    {
        // Follow the sun: three 8-hour shifts a day, anchored at midnight UTC.
        OnCall onCall = onCall(rotation("sun", ScheduleRole.PRIMARY, ZoneId.of("UTC"), LocalDateTime.parse("2024-03-30T00:00"), "8h,8h,8h",
                Restriction.NONE, "sydney", "london", "sf"));

        assertThat(onCall.at(ScheduleRole.PRIMARY, Instant.parse("2024-03-31T07:59:59Z"))).contains(List.of("sydney"));
        assertThat(onCall.at(ScheduleRole.PRIMARY, Instant.parse("2024-03-31T08:00:00Z"))).contains(List.of("london"));
        assertThat(onCall.at(ScheduleRole.PRIMARY, Instant.parse("2024-03-31T16:00:00Z"))).contains(List.of("sf"));
    }

    @Test
    void overrideAcrossAHandoffCoversBothSidesAndReplacesOnlyWhoItNames()
    {
        Rotation rotation = weekly(BERLIN, LocalDateTime.parse("2024-01-01T09:00"), "alice", "bob");
        // Monday 8 January 09:00 alice hands over to bob; carol covers 08:00-10:00 for both.
        Instant start = ZonedDateTime.of(2024, 1, 8, 8, 0, 0, 0, BERLIN).toInstant();
        Instant end = ZonedDateTime.of(2024, 1, 8, 10, 0, 0, 0, BERLIN).toInstant();
        OnCall onCall = onCall(List.of(rotation), List.of(new ScheduleOverride(1, ScheduleRole.PRIMARY, "carol", null, start, end)), List.of());

        List<Segment> timeline = onCall.timeline(ScheduleRole.PRIMARY, start.minusSeconds(3600), end.plusSeconds(3600));
        assertThat(timeline).extracting(Segment::users).containsExactly(List.of("alice"), List.of("carol"), List.of("bob"));
        assertThat(timeline.get(1).start()).isEqualTo(start);
        assertThat(timeline.get(1).end()).isEqualTo(end);

        // "I cover Tuesday 18:00-22:00 for Bob": a cover for alice does nothing while bob is on call.
        Instant tuesday = ZonedDateTime.of(2024, 1, 9, 18, 0, 0, 0, BERLIN).toInstant();
        OnCall forBob = onCall(List.of(rotation), List.of(
                new ScheduleOverride(2, ScheduleRole.PRIMARY, "carol", "bob", tuesday, tuesday.plusSeconds(4 * 3600)),
                new ScheduleOverride(3, ScheduleRole.PRIMARY, "dave", "alice", tuesday, tuesday.plusSeconds(4 * 3600))), List.of());
        assertThat(forBob.at(ScheduleRole.PRIMARY, tuesday.plusSeconds(60))).contains(List.of("carol"));
        assertThat(forBob.at(ScheduleRole.PRIMARY, tuesday.plusSeconds(4 * 3600))).contains(List.of("bob"));
    }

    @Test
    void acceptedSwapExchangesTurnsAndPendingOrRefusedDoNot()
    {
        Rotation rotation = weekly(BERLIN, LocalDateTime.parse("2024-01-01T09:00"), "alice", "bob");
        // alice's week of 15 January for bob's week of 22 January.
        Instant start = ZonedDateTime.of(2024, 1, 15, 9, 0, 0, 0, BERLIN).toInstant();
        Instant end = ZonedDateTime.of(2024, 1, 29, 9, 0, 0, 0, BERLIN).toInstant();
        Instant inFirstWeek = start.plus(Duration.ofDays(2));
        Instant inSecondWeek = start.plus(Duration.ofDays(9));

        for (Status status : List.of(Status.PENDING, Status.REFUSED)) {
            OnCall unchanged = onCall(List.of(rotation), List.of(), List.of(new ScheduleSwap(1, ScheduleRole.PRIMARY, "alice", "bob", start, end, status)));
            assertThat(unchanged.at(ScheduleRole.PRIMARY, inFirstWeek)).contains(List.of("alice"));
            assertThat(unchanged.at(ScheduleRole.PRIMARY, inSecondWeek)).contains(List.of("bob"));
        }
        OnCall swapped = onCall(List.of(rotation), List.of(), List.of(new ScheduleSwap(1, ScheduleRole.PRIMARY, "alice", "bob", start, end, Status.ACCEPTED)));
        assertThat(swapped.at(ScheduleRole.PRIMARY, inFirstWeek)).contains(List.of("bob"));
        assertThat(swapped.at(ScheduleRole.PRIMARY, inSecondWeek)).contains(List.of("alice"));
        assertThat(swapped.at(ScheduleRole.PRIMARY, end.plus(Duration.ofDays(1)))).contains(List.of("alice"));
    }

    @Test
    void personRemovedMidRotationLeavesHistoryAlone()
    {
        Instant removed = ZonedDateTime.of(2024, 1, 17, 12, 0, 0, 0, BERLIN).toInstant();
        List<Membership> members = List.of(
                new Membership("alice", 0, LONG_AGO, null),
                new Membership("bob", 1, LONG_AGO, removed),
                new Membership("carol", 2, LONG_AGO, null));
        Rotation rotation = new Rotation(1, "weekly", ScheduleRole.PRIMARY, BERLIN, LocalDateTime.parse("2024-01-01T09:00"),
                ShiftPattern.parse("1w"), Restriction.NONE, LONG_AGO, null, members);
        OnCall onCall = onCall(rotation);

        // Weeks of 1, 8, 15 January: alice, bob, carol; bob's removal does not change them.
        assertThat(onCall.at(ScheduleRole.PRIMARY, ZonedDateTime.of(2024, 1, 2, 9, 0, 0, 0, BERLIN).toInstant())).contains(List.of("alice"));
        assertThat(onCall.at(ScheduleRole.PRIMARY, ZonedDateTime.of(2024, 1, 9, 9, 0, 0, 0, BERLIN).toInstant())).contains(List.of("bob"));
        assertThat(onCall.at(ScheduleRole.PRIMARY, ZonedDateTime.of(2024, 1, 16, 9, 0, 0, 0, BERLIN).toInstant())).contains(List.of("carol"));
        // From then on bob is never on call; the others alternate.
        List<String> later = new ArrayList<>();
        for (int week = 3; week < 9; week++) {
            later.add(onCall.at(ScheduleRole.PRIMARY, ZonedDateTime.of(2024, 1, 2, 9, 0, 0, 0, BERLIN).plusWeeks(week).toInstant()).orElseThrow().get(0));
        }
        assertThat(later).doesNotContain("bob").contains("alice", "carol");

        // Removed during his own shift: the rest of the week goes to someone still in the rotation.
        Instant removedDuringShift = ZonedDateTime.of(2024, 1, 10, 12, 0, 0, 0, BERLIN).toInstant();
        Rotation early = new Rotation(1, "weekly", ScheduleRole.PRIMARY, BERLIN, LocalDateTime.parse("2024-01-01T09:00"),
                ShiftPattern.parse("1w"), Restriction.NONE, LONG_AGO, null, List.of(
                new Membership("alice", 0, LONG_AGO, null),
                new Membership("bob", 1, LONG_AGO, removedDuringShift),
                new Membership("carol", 2, LONG_AGO, null)));
        assertThat(onCall(early).at(ScheduleRole.PRIMARY, removedDuringShift.minusSeconds(1))).contains(List.of("bob"));
        assertThat(onCall(early).at(ScheduleRole.PRIMARY, removedDuringShift).orElseThrow()).doesNotContain("bob").hasSize(1);
    }

    @Test
    void gapWhereNobodyIsOnCallAndNotScheduledBeforeTheRotation()
    {
        // Business hours only: the nights and weekends are gaps of the primary.
        OnCall onCall = onCall(rotation("day", ScheduleRole.PRIMARY, BERLIN, LocalDateTime.parse("2024-01-01T09:00"), "1d",
                Restriction.BUSINESS_HOURS, "alice"));
        Instant mondayNoon = ZonedDateTime.of(2024, 1, 8, 12, 0, 0, 0, BERLIN).toInstant();
        List<Segment> gaps = onCall.gaps(ScheduleRole.PRIMARY, mondayNoon, mondayNoon.plus(Duration.ofDays(1)));
        assertThat(gaps).hasSize(1);
        assertThat(gaps.get(0).start()).isEqualTo(ZonedDateTime.of(2024, 1, 8, 17, 0, 0, 0, BERLIN).toInstant());
        assertThat(gaps.get(0).end()).isEqualTo(ZonedDateTime.of(2024, 1, 9, 9, 0, 0, 0, BERLIN).toInstant());
        assertThat(onCall.at(ScheduleRole.PRIMARY, gaps.get(0).start())).contains(List.of());

        // With an after-hours layer the gap closes.
        OnCall layered = onCall(
                rotation("day", ScheduleRole.PRIMARY, BERLIN, LocalDateTime.parse("2024-01-01T09:00"), "1d", Restriction.BUSINESS_HOURS, "alice"),
                rotation("night", ScheduleRole.PRIMARY, BERLIN, LocalDateTime.parse("2024-01-01T09:00"), "1w", Restriction.AFTER_HOURS, "bob"));
        assertThat(layered.gaps(ScheduleRole.PRIMARY, mondayNoon, mondayNoon.plus(Duration.ofDays(7)))).isEmpty();
        assertThat(layered.at(ScheduleRole.PRIMARY, gaps.get(0).start())).contains(List.of("bob"));

        // A role without a rotation is not scheduled at all: another lookup answers it.
        assertThat(onCall.at(ScheduleRole.SECONDARY, mondayNoon)).isEqualTo(Optional.empty());
        // Before the first handoff nobody is on call, but the role is scheduled: a gap.
        assertThat(onCall.at(ScheduleRole.PRIMARY, Instant.parse("2023-12-31T12:00:00Z"))).contains(List.of());
    }

    @Test
    void shiftsMergeAPersonsConsecutiveSegments()
    {
        OnCall onCall = onCall(weekly(BERLIN, LocalDateTime.parse("2024-01-01T09:00"), "alice", "bob"));
        Instant from = ZonedDateTime.of(2024, 1, 3, 0, 0, 0, 0, BERLIN).toInstant();
        List<Shift> shifts = onCall.shifts(ScheduleRole.PRIMARY, from, from.plus(Duration.ofDays(14)));
        assertThat(shifts).extracting(Shift::user).containsExactly("alice", "bob", "alice");
        assertThat(shifts.get(0).startsInWindow()).isFalse();
        assertThat(shifts.get(1).startsInWindow()).isTrue();
        assertThat(shifts.get(1).start()).isEqualTo(ZonedDateTime.of(2024, 1, 8, 9, 0, 0, 0, BERLIN).toInstant());
        assertThat(shifts.get(1).end()).isEqualTo(ZonedDateTime.of(2024, 1, 15, 9, 0, 0, 0, BERLIN).toInstant());
        assertThat(shifts.get(2).endsInWindow()).isFalse();
    }
}
