package dev.iris.core.schedule;

import dev.iris.core.schedule.ScheduleDao.MemberRow;
import dev.iris.core.schedule.ScheduleDao.RotationRow;
import dev.iris.core.schedule.ScheduleSwap.Status;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a team's {@link TeamSchedule} from the database: the one place rows become the model.
 */
public final class ScheduleLoader
{
    private ScheduleLoader() {}

    /**
     * The team's schedule, or empty when there is no such team.
     */
    public static Optional<TeamSchedule> load(Handle handle, String team)
    {
        ScheduleDao dao = handle.attach(ScheduleDao.class);
        return dao.teamId(team).map(teamId -> load(dao, teamId, team));
    }

    static TeamSchedule load(ScheduleDao dao, long teamId, String team)
    {
        List<MemberRow> members = dao.members(teamId);
        List<Rotation> rotations = new ArrayList<>();
        for (RotationRow row : dao.rotations(teamId)) {
            List<Rotation.Membership> memberships = members.stream()
                    .filter(member -> member.rotationId() == row.id())
                    .map(member -> new Rotation.Membership(member.user(), member.position(), member.joinedAt(), member.leftAt()))
                    .toList();
            rotations.add(new Rotation(row.id(), row.name(), role(row.role()), ZoneId.of(row.timeZone()), row.anchorLocal(),
                    ShiftPattern.parse(row.shiftPattern()), Restriction.fromWireName(row.restriction()).orElse(Restriction.NONE),
                    row.createdAt(), row.endedAt(), memberships));
        }
        List<ScheduleOverride> overrides = dao.overrides(teamId).stream()
                .map(row -> new ScheduleOverride(row.id(), role(row.role()), row.user(), row.replaced(), row.startAt(), row.endAt()))
                .toList();
        List<ScheduleSwap> swaps = dao.swaps(teamId).stream()
                .map(row -> new ScheduleSwap(row.id(), role(row.role()), row.requester(), row.partner(), row.startAt(), row.endAt(),
                        Status.valueOf(row.status().toUpperCase(Locale.ROOT))))
                .toList();
        Duration lead = dao.noticeLeadMinutes(teamId).map(minutes -> Duration.ofMinutes(minutes)).orElse(TeamSchedule.DEFAULT_NOTICE_LEAD);
        return new TeamSchedule(team, lead, rotations, overrides, swaps);
    }

    private static ScheduleRole role(String name)
    {
        return ScheduleRole.fromWireName(name).orElseThrow(() -> new IllegalStateException("unknown schedule role in the database: " + name));
    }
}
