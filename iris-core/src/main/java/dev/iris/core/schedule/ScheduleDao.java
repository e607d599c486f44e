package dev.iris.core.schedule;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The schedule tables (V120). Rows that describe the past are only ever ended, never rewritten.
 */
public interface ScheduleDao
{
    record RotationRow(long id, String name, String role, String timeZone, LocalDateTime anchorLocal, String shiftPattern,
            String restriction, Instant createdAt, Instant endedAt) {}

    record MemberRow(long id, long rotationId, String user, int position, Instant joinedAt, Instant leftAt) {}

    record OverrideRow(long id, String role, String user, String replaced, Instant startAt, Instant endAt, Instant createdAt,
            String createdBy) {}

    record SwapRow(long id, String role, String requester, String partner, Instant startAt, Instant endAt, String status,
            Instant createdAt, String createdBy, Instant decidedAt, String decidedBy) {}

    record AuditRow(long id, Instant at, String actor, String action, String detail) {}

    record IcalKeyRow(String token, String user, String team) {}

    @SqlQuery("""
            SELECT t.id FROM target t JOIN target_type tt ON tt.id = t.type_id JOIN team ON team.target_id = t.id
            WHERE t.name = :name AND tt.name = 'team'""")
    Optional<Long> teamId(@Bind("name") String name);

    @SqlQuery("""
            SELECT t.id FROM target t JOIN target_type tt ON tt.id = t.type_id JOIN `user` u ON u.target_id = t.id
            WHERE t.name = :name AND tt.name = 'user'""")
    Optional<Long> userId(@Bind("name") String name);

    @SqlQuery("SELECT COUNT(*) > 0 FROM user_team WHERE user_id = :user AND team_id = :team")
    boolean isTeamMember(@Bind("user") long userId, @Bind("team") long teamId);

    @SqlQuery("SELECT notice_lead_minutes FROM schedule_team WHERE team_id = :team")
    Optional<Integer> noticeLeadMinutes(@Bind("team") long teamId);

    @SqlUpdate("""
            INSERT INTO schedule_team (team_id, notice_lead_minutes) VALUES (:team, :minutes)
            ON DUPLICATE KEY UPDATE notice_lead_minutes = VALUES(notice_lead_minutes)""")
    void setNoticeLeadMinutes(@Bind("team") long teamId, @Bind("minutes") int minutes);

    /**
     * Teams with a rotation in force or an override that has not ended.
     */
    @SqlQuery("""
            SELECT t.name FROM target t WHERE t.id IN (
                SELECT team_id FROM schedule_rotation WHERE ended_at IS NULL OR ended_at > :since
                UNION SELECT team_id FROM schedule_override WHERE deleted_at IS NULL AND end_at > :since)
            ORDER BY t.name""")
    List<String> scheduledTeams(@Bind("since") Instant since);

    @SqlQuery("""
            SELECT id, name, role, time_zone, anchor_local, shift_pattern, restriction, created_at, ended_at
            FROM schedule_rotation WHERE team_id = :team ORDER BY id""")
    @RegisterConstructorMapper(RotationRow.class)
    List<RotationRow> rotations(@Bind("team") long teamId);

    @SqlQuery("""
            SELECT m.id, m.rotation_id, t.name AS `user`, m.position, m.joined_at, m.left_at
            FROM schedule_member m JOIN schedule_rotation r ON r.id = m.rotation_id JOIN target t ON t.id = m.user_id
            WHERE r.team_id = :team ORDER BY m.rotation_id, m.position, m.id""")
    @RegisterConstructorMapper(MemberRow.class)
    List<MemberRow> members(@Bind("team") long teamId);

    @SqlUpdate("""
            INSERT INTO schedule_rotation (team_id, name, role, time_zone, anchor_local, shift_pattern, restriction, created_at)
            VALUES (:team, :name, :role, :zone, :anchor, :pattern, :restriction, :now)""")
    @GetGeneratedKeys("id")
    long insertRotation(@Bind("team") long teamId, @Bind("name") String name, @Bind("role") String role, @Bind("zone") String zone,
            @Bind("anchor") LocalDateTime anchor, @Bind("pattern") String pattern, @Bind("restriction") String restriction,
            @Bind("now") Instant now);

    @SqlUpdate("UPDATE schedule_rotation SET ended_at = :now WHERE id = :id AND ended_at IS NULL")
    void endRotation(@Bind("id") long rotationId, @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO schedule_member (rotation_id, user_id, position, joined_at)
            SELECT :rotation, u.target_id, :position, :now FROM `user` u JOIN target t ON t.id = u.target_id WHERE t.name = :user""")
    int insertMember(@Bind("rotation") long rotationId, @Bind("user") String user, @Bind("position") int position, @Bind("now") Instant now);

    @SqlUpdate("UPDATE schedule_member SET left_at = :now WHERE id = :id AND left_at IS NULL")
    void leaveMember(@Bind("id") long memberId, @Bind("now") Instant now);

    @SqlQuery("""
            SELECT o.id, o.role, u.name AS `user`, r.name AS replaced, o.start_at, o.end_at, o.created_at, o.created_by
            FROM schedule_override o JOIN target u ON u.id = o.user_id LEFT JOIN target r ON r.id = o.replaced_user_id
            WHERE o.team_id = :team AND o.deleted_at IS NULL ORDER BY o.start_at, o.id""")
    @RegisterConstructorMapper(OverrideRow.class)
    List<OverrideRow> overrides(@Bind("team") long teamId);

    @SqlUpdate("""
            INSERT INTO schedule_override (team_id, role, user_id, replaced_user_id, start_at, end_at, created_at, created_by)
            VALUES (:team, :role, :user, :replaced, :start, :end, :now, :actor)""")
    @GetGeneratedKeys("id")
    long insertOverride(@Bind("team") long teamId, @Bind("role") String role, @Bind("user") long userId, @Bind("replaced") Long replacedId,
            @Bind("start") Instant start, @Bind("end") Instant end, @Bind("now") Instant now, @Bind("actor") String actor);

    @SqlUpdate("UPDATE schedule_override SET deleted_at = :now WHERE id = :id AND team_id = :team AND deleted_at IS NULL")
    int deleteOverride(@Bind("team") long teamId, @Bind("id") long overrideId, @Bind("now") Instant now);

    @SqlQuery("""
            SELECT s.id, s.role, a.name AS requester, b.name AS partner, s.start_at, s.end_at, s.`status`, s.created_at, s.created_by,
                   s.decided_at, s.decided_by
            FROM schedule_swap s JOIN target a ON a.id = s.requester_id JOIN target b ON b.id = s.partner_id
            WHERE s.team_id = :team ORDER BY s.start_at, s.id""")
    @RegisterConstructorMapper(SwapRow.class)
    List<SwapRow> swaps(@Bind("team") long teamId);

    @SqlUpdate("""
            INSERT INTO schedule_swap (team_id, role, requester_id, partner_id, start_at, end_at, `status`, created_at, created_by,
                                       decided_at, decided_by)
            VALUES (:team, :role, :requester, :partner, :start, :end, :status, :now, :actor, :decidedAt, :decidedBy)""")
    @GetGeneratedKeys("id")
    long insertSwap(@Bind("team") long teamId, @Bind("role") String role, @Bind("requester") long requesterId, @Bind("partner") long partnerId,
            @Bind("start") Instant start, @Bind("end") Instant end, @Bind("status") String status, @Bind("now") Instant now,
            @Bind("actor") String actor, @Bind("decidedAt") Instant decidedAt, @Bind("decidedBy") String decidedBy);

    /**
     * Answers a pending swap; 0 when it is not pending (already answered) or not the team's.
     */
    @SqlUpdate("""
            UPDATE schedule_swap SET `status` = :status, decided_at = :now, decided_by = :actor
            WHERE id = :id AND team_id = :team AND `status` = 'pending'""")
    int decideSwap(@Bind("team") long teamId, @Bind("id") long swapId, @Bind("status") String status, @Bind("now") Instant now,
            @Bind("actor") String actor);

    @SqlUpdate("INSERT INTO schedule_audit (team_id, at, actor, action, detail) VALUES (:team, :now, :actor, :action, :detail)")
    void audit(@Bind("team") long teamId, @Bind("now") Instant now, @Bind("actor") String actor, @Bind("action") String action,
            @Bind("detail") String detail);

    @SqlQuery("""
            SELECT id, at, actor, action, detail FROM schedule_audit WHERE team_id = :team ORDER BY id DESC LIMIT :limit""")
    @RegisterConstructorMapper(AuditRow.class)
    List<AuditRow> auditTrail(@Bind("team") long teamId, @Bind("limit") int limit);

    @SqlUpdate("""
            INSERT INTO schedule_ical_key (token, user_id, team_id, created_at, created_by)
            VALUES (:token, :user, :team, :now, :actor)""")
    void insertIcalKey(@Bind("token") String token, @Bind("user") Long userId, @Bind("team") Long teamId, @Bind("now") Instant now,
            @Bind("actor") String actor);

    @SqlQuery("""
            SELECT k.token, u.name AS `user`, t.name AS team FROM schedule_ical_key k
            LEFT JOIN target u ON u.id = k.user_id LEFT JOIN target t ON t.id = k.team_id
            WHERE k.token = :token""")
    @RegisterConstructorMapper(IcalKeyRow.class)
    Optional<IcalKeyRow> icalKey(@Bind("token") String token);

    /**
     * The teams whose rotations or overrides name a user, for that user's calendar.
     */
    @SqlQuery("""
            SELECT DISTINCT t.name FROM target t WHERE t.id IN (
                SELECT r.team_id FROM schedule_member m JOIN schedule_rotation r ON r.id = m.rotation_id
                JOIN target u ON u.id = m.user_id WHERE u.name = :user
                UNION SELECT o.team_id FROM schedule_override o JOIN target u ON u.id = o.user_id WHERE u.name = :user
                UNION SELECT s.team_id FROM schedule_swap s JOIN target u ON u.id = s.requester_id OR u.id = s.partner_id
                WHERE u.name = :user)
            ORDER BY t.name""")
    List<String> teamsOf(@Bind("user") String user);

    /**
     * Records a handoff notice; 1 when this call created it, 0 when it existed already.
     */
    @SqlUpdate("""
            INSERT IGNORE INTO schedule_notice (team_id, role, user_id, shift_start, kind, created_at)
            VALUES (:team, :role, :user, :shift, :kind, :now)""")
    int insertNotice(@Bind("team") long teamId, @Bind("role") String role, @Bind("user") long userId, @Bind("shift") Instant shiftStart,
            @Bind("kind") String kind, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE schedule_notice SET message_id = :message
            WHERE team_id = :team AND role = :role AND user_id = :user AND shift_start = :shift AND kind = :kind""")
    void noticeMessage(@Bind("team") long teamId, @Bind("role") String role, @Bind("user") long userId, @Bind("shift") Instant shiftStart,
            @Bind("kind") String kind, @Bind("message") long messageId);

    @SqlUpdate("""
            INSERT INTO message (created, application_id, target_id, priority_id, subject, body, active, `status`, next_attempt_at)
            SELECT :now, a.id, :user, p.id, :subject, :body, 1, 'queued', :now
            FROM application a, priority p WHERE a.name = :application AND p.name = :priority""")
    @GetGeneratedKeys("id")
    Optional<Long> insertNoticeMessage(@Bind("now") Instant now, @Bind("application") String application, @Bind("user") long userId,
            @Bind("priority") String priority, @Bind("subject") String subject, @Bind("body") String body);
}
