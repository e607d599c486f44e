package dev.iris.sender.escalation;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The escalation engine's SQL. Every comparison with "now" binds the sender's clock.
 */
public interface EscalationDao
{
    record IncidentRow(long id, long planId, int applicationId, int currentStep, boolean active, Instant created, String context) {}

    record RoundState(long planNotificationId, int lastRound, Instant lastCreated) {}

    record DynamicTarget(String roleName, String targetName) {}

    record UserTarget(long id, String name) {}

    /**
     * Claims due work; rows another sender holds are skipped, not waited for.
     */
    @SqlQuery("""
            SELECT incident_id FROM escalation_work
            WHERE due_at <= :now
            ORDER BY due_at
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""")
    List<Long> claimDueWork(@Bind("now") Instant now, @Bind("limit") int limit);

    /**
     * Locks the incidents, skipping those a claim (or anything else) holds: waiting here while
     * holding their work rows could deadlock with a claim, which locks the incident first.
     */
    @SqlQuery("""
            SELECT id, plan_id, application_id, current_step, active, created, context
            FROM incident WHERE id IN (<ids>)
            FOR UPDATE SKIP LOCKED""")
    @RegisterConstructorMapper(IncidentRow.class)
    List<IncidentRow> lockIncidents(@BindList("ids") Collection<Long> incidentIds);

    /**
     * The last round of a notification of an incident.
     */
    record IncidentRound(long incidentId, long planNotificationId, int lastRound, Instant lastCreated)
    {
        RoundState state()
        {
            return new RoundState(planNotificationId, lastRound, lastCreated);
        }
    }

    @SqlQuery("""
            SELECT incident_id, plan_notification_id, MAX(`round`) AS last_round, MAX(created) AS last_created
            FROM escalation_round
            WHERE incident_id IN (<ids>)
            GROUP BY incident_id, plan_notification_id""")
    @RegisterConstructorMapper(IncidentRound.class)
    List<IncidentRound> rounds(@BindList("ids") Collection<Long> incidentIds);

    @SqlQuery("""
            SELECT r.name AS role_name, t.name AS target_name
            FROM dynamic_plan_map d
            JOIN target_role r ON r.id = d.role_id
            JOIN target t ON t.id = d.target_id
            WHERE d.incident_id = :incident AND d.dynamic_index = :index""")
    @RegisterConstructorMapper(DynamicTarget.class)
    Optional<DynamicTarget> dynamicTarget(@Bind("incident") long incidentId, @Bind("index") int dynamicIndex);

    @SqlQuery("""
            SELECT t.id, t.name
            FROM target t
            JOIN `user` u ON u.target_id = t.id
            WHERE t.name IN (<names>) AND t.active = 1""")
    @RegisterConstructorMapper(UserTarget.class)
    List<UserTarget> activeUsers(@BindList("names") Collection<String> names);

    @SqlQuery("SELECT t.name FROM target t WHERE t.id = :id")
    Optional<String> targetName(@Bind("id") long targetId);

    @SqlQuery("SELECT name FROM application WHERE id = :id")
    String applicationName(@Bind("id") int applicationId);

    @SqlQuery("SELECT id FROM priority WHERE name = :name")
    Optional<Integer> priorityId(@Bind("name") String name);

    @SqlUpdate("""
            INSERT INTO message (created, application_id, target_id, plan_id, priority_id, body, incident_id,
                                 plan_notification_id, `round`, active, `status`, next_attempt_at)
            VALUES (:now, :application, :target, :plan, :priority, :body, :incident, :notification, :round, 1, 'queued', :now)""")
    @GetGeneratedKeys("id")
    long insertMessage(@Bind("now") Instant now, @Bind("application") int applicationId, @Bind("target") long targetId,
            @Bind("plan") long planId, @Bind("priority") int priorityId, @Bind("body") String body,
            @Bind("incident") long incidentId, @Bind("notification") long planNotificationId, @Bind("round") int round);

    /**
     * A team's contact in a chat mode: where its countdown notifications go.
     */
    record TeamChannel(long teamId, int modeId, String mode, String destination) {}

    @SqlQuery("""
            SELECT t.id AS team_id, m.id AS mode_id, m.name AS mode, c.destination
            FROM target t
            JOIN target_type tt ON tt.id = t.type_id AND tt.name = 'team'
            JOIN target_contact c ON c.target_id = t.id AND c.disabled = 0
            JOIN mode m ON m.id = c.mode_id
            WHERE t.name = :team AND t.active = 1 AND m.name IN (<modes>)""")
    @RegisterConstructorMapper(TeamChannel.class)
    List<TeamChannel> teamChannels(@Bind("team") String team, @BindList("modes") Collection<String> modes);

    /**
     * A countdown message: addressed to the team's channel already, so the dispatcher keeps its mode
     * and destination; its body is the countdown line the rendered template follows.
     */
    @SqlUpdate("""
            INSERT INTO message (created, application_id, target_id, destination, mode_id, plan_id, priority_id, body, incident_id,
                                 plan_notification_id, `round`, active, `status`, next_attempt_at)
            VALUES (:now, :application, :team, :destination, :mode, :plan, :priority, :body, :incident, :notification, :round,
                    1, 'queued', :now)""")
    @GetGeneratedKeys("id")
    long insertChannelMessage(@Bind("now") Instant now, @Bind("application") int applicationId, @Bind("team") long teamId,
            @Bind("destination") String destination, @Bind("mode") int modeId, @Bind("plan") long planId, @Bind("priority") int priorityId,
            @Bind("body") String body, @Bind("incident") long incidentId, @Bind("notification") long planNotificationId, @Bind("round") int round);

    @SqlUpdate("""
            INSERT INTO message (created, application_id, destination, mode_id, plan_id, subject, body, active, `status`, next_attempt_at)
            SELECT :now, :application, :destination, m.id, :plan, :subject, :body, 1, 'queued', :now
            FROM mode m WHERE m.name = :mode""")
    int insertTrackingMessage(@Bind("now") Instant now, @Bind("application") int applicationId, @Bind("mode") String mode,
            @Bind("destination") String destination, @Bind("plan") long planId, @Bind("subject") String subject, @Bind("body") String body);

    @SqlUpdate("""
            INSERT INTO message_changelog (`date`, message_id, change_type, old, new, description)
            VALUES (:now, :message, :type, :old, :new, :description)""")
    void audit(@Bind("now") Instant now, @Bind("message") long messageId, @Bind("type") String changeType,
            @Bind("old") String oldValue, @Bind("new") String newValue, @Bind("description") String description);

    @SqlUpdate("UPDATE escalation_work SET due_at = :due WHERE incident_id = :id")
    void reschedule(@Bind("id") long incidentId, @Bind("due") Instant due);
}
