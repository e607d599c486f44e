package dev.iris.core.schedule;

import dev.iris.common.http.IrisException;
import dev.iris.core.schedule.ScheduleDao.AuditRow;
import dev.iris.core.schedule.ScheduleDao.IcalKeyRow;
import dev.iris.core.schedule.ScheduleDao.MemberRow;
import dev.iris.core.schedule.ScheduleDao.RotationRow;
import dev.iris.core.schedule.ScheduleDocument.RotationSpec;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Reads and changes teams' schedules. Every change writes an audit row in its transaction.
 * Callers check who may change a team's schedule; this class checks what the change is.
 */
public final class ScheduleService
{
    public static final String INVALID = "Invalid schedule";
    private static final int MAX_OVERRIDE_DAYS = 366;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final java.time.Clock clock;

    @Inject
    public ScheduleService(Jdbi jdbi, java.time.Clock clock)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Instant now()
    {
        return clock.instant();
    }

    /**
     * The team's schedule; 404 for an unknown team.
     */
    public TeamSchedule schedule(String team)
    {
        return jdbi.withHandle(handle -> ScheduleLoader.load(handle, team)).orElseThrow(() -> unknownTeam(team));
    }

    public OnCall onCall(String team)
    {
        return new OnCall(schedule(team));
    }

    public List<String> scheduledTeams()
    {
        return jdbi.withHandle(handle -> handle.attach(ScheduleDao.class).scheduledTeams(clock.instant()));
    }

    public List<String> teamsOf(String user)
    {
        return jdbi.withHandle(handle -> handle.attach(ScheduleDao.class).teamsOf(user));
    }

    public boolean isTeamMember(String user, String team)
    {
        return jdbi.withHandle(handle -> {
            ScheduleDao dao = handle.attach(ScheduleDao.class);
            Optional<Long> userId = dao.userId(user);
            Optional<Long> teamId = dao.teamId(team);
            return userId.isPresent() && teamId.isPresent() && dao.isTeamMember(userId.get(), teamId.get());
        });
    }

    /**
     * The rotations in force, as a document.
     */
    public ScheduleDocument export(String team)
    {
        return jdbi.withHandle(handle -> {
            ScheduleDao dao = handle.attach(ScheduleDao.class);
            long teamId = dao.teamId(team).orElseThrow(() -> unknownTeam(team));
            List<MemberRow> members = dao.members(teamId);
            List<RotationSpec> rotations = new ArrayList<>();
            for (RotationRow row : dao.rotations(teamId)) {
                if (row.endedAt() == null) {
                    rotations.add(spec(row, currentMembers(members, row.id())));
                }
            }
            return new ScheduleDocument(team, dao.noticeLeadMinutes(teamId).orElse((int) TeamSchedule.DEFAULT_NOTICE_LEAD.toMinutes()), rotations);
        });
    }

    /**
     * What {@link #apply} changed or would change, one line per change.
     */
    public record ApplyResult(List<String> changes, boolean applied) {}

    /**
     * Makes the team's rotations those of the document. A rotation whose shape (role, zone, start,
     * shift, restriction) changes ends now and starts again as a new row, so past shifts keep
     * their people; member changes end or start memberships now.
     */
    public ApplyResult apply(String team, ScheduleDocument document, String actor, boolean dryRun)
    {
        requireNonNull(document, "document is null");
        if (document.team() != null && !document.team().equals(team)) {
            throw IrisException.badRequest(INVALID, "the document is for team " + document.team() + ", not " + team);
        }
        List<RotationSpec> specs = document.rotations() == null ? List.of() : document.rotations();
        Map<String, RotationSpec> byName = new LinkedHashMap<>();
        for (RotationSpec spec : specs) {
            validate(spec);
            if (byName.put(spec.name(), normalize(spec)) != null) {
                throw IrisException.badRequest(INVALID, "two rotations are named " + spec.name());
            }
        }
        Integer lead = document.noticeLeadMinutes();
        if (lead != null && (lead < 0 || lead > 7 * 24 * 60)) {
            throw IrisException.badRequest(INVALID, "notice_lead_minutes must be between 0 and 10080");
        }
        return jdbi.inTransaction(handle -> {
            ScheduleDao dao = handle.attach(ScheduleDao.class);
            long teamId = dao.teamId(team).orElseThrow(() -> unknownTeam(team));
            for (RotationSpec spec : byName.values()) {
                for (String member : spec.members()) {
                    if (dao.userId(member).isEmpty()) {
                        throw IrisException.badRequest(INVALID, "rotation " + spec.name() + ": no user named " + member);
                    }
                }
            }
            Instant now = clock.instant();
            List<String> changes = new ArrayList<>();
            List<Runnable> writes = new ArrayList<>();
            if (lead != null && !lead.equals(dao.noticeLeadMinutes(teamId).orElse(null))) {
                changes.add("~ notice_lead_minutes: " + lead);
                writes.add(() -> dao.setNoticeLeadMinutes(teamId, lead));
            }
            List<MemberRow> members = dao.members(teamId);
            Set<String> seen = new HashSet<>();
            for (RotationRow row : dao.rotations(teamId)) {
                if (row.endedAt() != null) {
                    continue;
                }
                List<MemberRow> current = currentMembers(members, row.id());
                RotationSpec existing = spec(row, current);
                RotationSpec wanted = byName.get(row.name());
                seen.add(row.name());
                if (wanted == null) {
                    changes.add("- rotation " + row.name());
                    writes.add(() -> dao.endRotation(row.id(), now));
                }
                else if (!sameShape(existing, wanted)) {
                    changes.add("~ rotation " + row.name() + ": " + shapeDifference(existing, wanted) + " (the old rotation ends now; past shifts keep their people)");
                    writes.add(() -> {
                        dao.endRotation(row.id(), now);
                        create(dao, teamId, wanted, now);
                    });
                }
                else if (!existing.members().equals(wanted.members())) {
                    changes.add("~ rotation " + row.name() + ": members " + existing.members() + " -> " + wanted.members());
                    writes.add(() -> changeMembers(dao, row.id(), current, wanted.members(), now));
                }
            }
            for (RotationSpec wanted : byName.values()) {
                if (!seen.contains(wanted.name())) {
                    changes.add("+ rotation " + wanted.name() + " (" + wanted.role() + ", " + wanted.shift() + ", " + wanted.members() + ")");
                    writes.add(() -> create(dao, teamId, wanted, now));
                }
            }
            if (dryRun || changes.isEmpty()) {
                return new ApplyResult(changes, false);
            }
            writes.forEach(Runnable::run);
            for (String change : changes) {
                dao.audit(teamId, now, actor, "apply", change);
            }
            return new ApplyResult(changes, true);
        });
    }

    public long addOverride(String team, ScheduleRole role, String user, String replaced, Instant start, Instant end, String actor)
    {
        if (!start.isBefore(end)) {
            throw IrisException.badRequest(INVALID, "an override must end after it starts");
        }
        if (Duration.between(start, end).toDays() > MAX_OVERRIDE_DAYS) {
            throw IrisException.badRequest(INVALID, "an override lasts at most " + MAX_OVERRIDE_DAYS + " days");
        }
        return jdbi.inTransaction(handle -> {
            ScheduleDao dao = handle.attach(ScheduleDao.class);
            long teamId = dao.teamId(team).orElseThrow(() -> unknownTeam(team));
            long userId = requireUser(dao, user);
            Long replacedId = replaced == null ? null : requireUser(dao, replaced);
            long id = dao.insertOverride(teamId, role.wireName(), userId, replacedId, start, end, clock.instant(), actor);
            dao.audit(teamId, clock.instant(), actor, "override", "override %d: %s covers %s %s to %s%s".formatted(
                    id, user, role.wireName(), start, end, replaced == null ? "" : " for " + replaced));
            return id;
        });
    }

    public void deleteOverride(String team, long id, String actor)
    {
        jdbi.useTransaction(handle -> {
            ScheduleDao dao = handle.attach(ScheduleDao.class);
            long teamId = dao.teamId(team).orElseThrow(() -> unknownTeam(team));
            if (dao.deleteOverride(teamId, id, clock.instant()) == 0) {
                throw IrisException.notFound("Override not found", "team " + team + " has no override " + id);
            }
            dao.audit(teamId, clock.instant(), actor, "override-deleted", "override " + id + " deleted");
        });
    }

    /**
     * A swap between requester and partner; accepted at once when {@code byAdmin}, otherwise
     * pending until the partner answers.
     */
    public long requestSwap(String team, ScheduleRole role, String requester, String partner, Instant start, Instant end, String actor,
            boolean byAdmin)
    {
        if (!start.isBefore(end)) {
            throw IrisException.badRequest(INVALID, "a swap must end after it starts");
        }
        if (requester.equals(partner)) {
            throw IrisException.badRequest(INVALID, "a swap needs two different people");
        }
        return jdbi.inTransaction(handle -> {
            ScheduleDao dao = handle.attach(ScheduleDao.class);
            long teamId = dao.teamId(team).orElseThrow(() -> unknownTeam(team));
            long requesterId = requireUser(dao, requester);
            long partnerId = requireUser(dao, partner);
            Instant now = clock.instant();
            String status = byAdmin ? "accepted" : "pending";
            long id = dao.insertSwap(teamId, role.wireName(), requesterId, partnerId, start, end, status, now, actor,
                    byAdmin ? now : null, byAdmin ? actor : null);
            dao.audit(teamId, now, actor, "swap", "swap %d: %s and %s exchange %s turns %s to %s (%s)".formatted(
                    id, requester, partner, role.wireName(), start, end, status));
            return id;
        });
    }

    /**
     * The partner (or someone who may act for them) accepts or refuses a pending swap; the refusal
     * is kept.
     */
    public void answerSwap(String team, long id, boolean accept, String actor, Predicate<String> mayActAs)
    {
        jdbi.useTransaction(handle -> {
            ScheduleDao dao = handle.attach(ScheduleDao.class);
            long teamId = dao.teamId(team).orElseThrow(() -> unknownTeam(team));
            ScheduleDao.SwapRow swap = dao.swaps(teamId).stream().filter(row -> row.id() == id).findFirst()
                    .orElseThrow(() -> IrisException.notFound("Swap not found", "team " + team + " has no swap " + id));
            if (!mayActAs.test(swap.partner())) {
                throw IrisException.unauthorized("Only " + swap.partner() + " or an admin may answer this swap", null);
            }
            String status = accept ? "accepted" : "refused";
            if (dao.decideSwap(teamId, id, status, clock.instant(), actor) == 0) {
                throw IrisException.badRequest("Swap already answered", "swap " + id + " is " + swap.status());
            }
            dao.audit(teamId, clock.instant(), actor, "swap-" + status, "swap " + id + " " + status + " by " + actor);
        });
    }

    public List<ScheduleDao.OverrideRow> overrides(String team)
    {
        return jdbi.withHandle(handle -> {
            ScheduleDao dao = handle.attach(ScheduleDao.class);
            return dao.overrides(dao.teamId(team).orElseThrow(() -> unknownTeam(team)));
        });
    }

    public List<ScheduleDao.SwapRow> swaps(String team)
    {
        return jdbi.withHandle(handle -> {
            ScheduleDao dao = handle.attach(ScheduleDao.class);
            return dao.swaps(dao.teamId(team).orElseThrow(() -> unknownTeam(team)));
        });
    }

    public List<AuditRow> audit(String team, int limit)
    {
        return jdbi.withHandle(handle -> {
            ScheduleDao dao = handle.attach(ScheduleDao.class);
            long teamId = dao.teamId(team).orElseThrow(() -> unknownTeam(team));
            return dao.auditTrail(teamId, Math.max(1, Math.min(limit, 1000)));
        });
    }

    /**
     * A new secret calendar token for a person's shifts (user) or a team's (team).
     */
    public String createIcalKey(String user, String team, String actor)
    {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbi.useTransaction(handle -> {
            ScheduleDao dao = handle.attach(ScheduleDao.class);
            Long userId = user == null ? null : requireUser(dao, user);
            Long teamId = team == null ? null : dao.teamId(team).orElseThrow(() -> unknownTeam(team));
            dao.insertIcalKey(token, userId, teamId, clock.instant(), actor);
            if (teamId != null) {
                dao.audit(teamId, clock.instant(), actor, "ical-key", "calendar link created");
            }
        });
        return token;
    }

    public Optional<IcalKeyRow> icalKey(String token)
    {
        return jdbi.withHandle(handle -> handle.attach(ScheduleDao.class).icalKey(token));
    }

    private static void create(ScheduleDao dao, long teamId, RotationSpec spec, Instant now)
    {
        long rotationId = dao.insertRotation(teamId, spec.name(), spec.role(), spec.timeZone(), LocalDateTime.parse(spec.start()),
                spec.shift(), spec.restriction(), now);
        for (int position = 0; position < spec.members().size(); position++) {
            dao.insertMember(rotationId, spec.members().get(position), position, now);
        }
    }

    /**
     * Ends the memberships of people who left or moved and starts those of people who joined or
     * moved; unchanged places keep their row.
     */
    private static void changeMembers(ScheduleDao dao, long rotationId, List<MemberRow> current, List<String> wanted, Instant now)
    {
        Set<Integer> keptPositions = new HashSet<>();
        for (MemberRow member : current) {
            int position = wanted.indexOf(member.user());
            if (position == member.position()) {
                keptPositions.add(position);
            }
            else {
                dao.leaveMember(member.id(), now);
            }
        }
        for (int position = 0; position < wanted.size(); position++) {
            if (!keptPositions.contains(position)) {
                dao.insertMember(rotationId, wanted.get(position), position, now);
            }
        }
    }

    private static List<MemberRow> currentMembers(List<MemberRow> members, long rotationId)
    {
        return members.stream().filter(member -> member.rotationId() == rotationId && member.leftAt() == null).toList();
    }

    private static RotationSpec spec(RotationRow row, List<MemberRow> members)
    {
        return new RotationSpec(row.name(), row.role(), row.timeZone(), row.anchorLocal().toString(), row.shiftPattern(), row.restriction(),
                members.stream().sorted(java.util.Comparator.comparingInt(MemberRow::position)).map(MemberRow::user).toList());
    }

    private static boolean sameShape(RotationSpec a, RotationSpec b)
    {
        return a.role().equals(b.role()) && a.timeZone().equals(b.timeZone()) && a.start().equals(b.start())
                && a.shift().equals(b.shift()) && a.restriction().equals(b.restriction());
    }

    private static String shapeDifference(RotationSpec a, RotationSpec b)
    {
        List<String> parts = new ArrayList<>();
        compare(parts, "role", a.role(), b.role());
        compare(parts, "time_zone", a.timeZone(), b.timeZone());
        compare(parts, "start", a.start(), b.start());
        compare(parts, "shift", a.shift(), b.shift());
        compare(parts, "restriction", a.restriction(), b.restriction());
        if (!a.members().equals(b.members())) {
            parts.add("members " + a.members() + " -> " + b.members());
        }
        return String.join(", ", parts);
    }

    private static void compare(List<String> parts, String field, String before, String after)
    {
        if (!Objects.equals(before, after)) {
            parts.add(field + " " + before + " -> " + after);
        }
    }

    private static void validate(RotationSpec spec)
    {
        if (spec.name() == null || !spec.name().matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw IrisException.badRequest(INVALID, "a rotation needs a name of letters, digits, '.', '_' or '-' (at most 64)");
        }
        String where = "rotation " + spec.name() + ": ";
        if (spec.role() == null || ScheduleRole.fromWireName(spec.role()).isEmpty()) {
            throw IrisException.badRequest(INVALID, where + "role must be one of primary, secondary, shadow, manager");
        }
        try {
            ZoneId.of(requireField(spec.timeZone(), where + "time_zone is required"));
        }
        catch (DateTimeException e) {
            throw IrisException.badRequest(INVALID, where + "unknown time_zone " + spec.timeZone());
        }
        try {
            parseStart(requireField(spec.start(), where + "start (the first handoff, e.g. 2024-01-01T09:00) is required"));
        }
        catch (DateTimeParseException e) {
            throw IrisException.badRequest(INVALID, where + "start must be a local date and time such as 2024-01-01T09:00");
        }
        try {
            ShiftPattern.parse(requireField(spec.shift(), where + "shift is required (e.g. 1w, 12h, 8h,8h,8h)"));
        }
        catch (IllegalArgumentException e) {
            throw IrisException.badRequest(INVALID, where + e.getMessage());
        }
        if (spec.restriction() != null && Restriction.fromWireName(spec.restriction()).isEmpty()) {
            throw IrisException.badRequest(INVALID, where + "restriction must be none, business-hours or after-hours");
        }
        if (spec.members() == null || spec.members().stream().anyMatch(Objects::isNull)) {
            throw IrisException.badRequest(INVALID, where + "members must be a list of usernames");
        }
        if (new HashSet<>(spec.members()).size() != spec.members().size()) {
            throw IrisException.badRequest(INVALID, where + "a person appears twice in members");
        }
    }

    private static RotationSpec normalize(RotationSpec spec)
    {
        return new RotationSpec(spec.name(), spec.role(), ZoneId.of(spec.timeZone()).getId(), parseStart(spec.start()).toString(),
                ShiftPattern.parse(spec.shift()).toString(), spec.restriction() == null ? Restriction.NONE.wireName() : spec.restriction(),
                List.copyOf(spec.members()));
    }

    private static LocalDateTime parseStart(String start)
    {
        return LocalDateTime.parse(start.trim().replace(' ', 'T'));
    }

    private static String requireField(String value, String message)
    {
        if (value == null || value.isBlank()) {
            throw IrisException.badRequest(INVALID, message);
        }
        return value;
    }

    private static long requireUser(ScheduleDao dao, String user)
    {
        return dao.userId(user).orElseThrow(() -> IrisException.badRequest(INVALID, "no user named " + user));
    }

    private static IrisException unknownTeam(String team)
    {
        return IrisException.notFound("Team not found", "No team named " + team);
    }
}
