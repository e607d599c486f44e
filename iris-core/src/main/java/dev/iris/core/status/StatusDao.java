package dev.iris.core.status;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The status page's tables, and the incident columns the state computation reads.
 */
public interface StatusDao
{
    record ComponentRow(int id, String name, String description, int displayOrder, String recordedState, Instant recordedSince) {}

    record FeedRow(int componentId, String kind, String value) {}

    record OverrideRow(int componentId, String state, String reason, String author, Instant created, Instant until) {}

    record IncidentRow(long id, String application, String plan, String dedupKey, String context, String priority, Instant created,
            boolean resolved, Instant resolvedAt) {}

    record StateChangeRow(int componentId, Instant changed, String state) {}

    record StatusIncidentRow(long incidentId, String title, Instant created, boolean resolved, Instant resolvedAt) {}

    record UpdateRow(long id, long incidentId, Instant created, String status, String body) {}

    record ReminderCandidate(long incidentId, Long ownerId, long planCreatorId) {}

    // ------------------------------------------------------------------ components

    @SqlQuery("""
            SELECT id, name, description, display_order AS displayOrder, recorded_state AS recordedState, recorded_since AS recordedSince
            FROM status_component ORDER BY display_order, name""")
    @RegisterConstructorMapper(ComponentRow.class)
    List<ComponentRow> components();

    @SqlQuery("""
            SELECT id, name, description, display_order AS displayOrder, recorded_state AS recordedState, recorded_since AS recordedSince
            FROM status_component WHERE id = :id""")
    @RegisterConstructorMapper(ComponentRow.class)
    Optional<ComponentRow> component(@Bind("id") int id);

    @SqlQuery("SELECT component_id AS componentId, kind, value FROM status_component_feed ORDER BY component_id, id")
    @RegisterConstructorMapper(FeedRow.class)
    List<FeedRow> feeds();

    @SqlUpdate("""
            INSERT INTO status_component (name, description, display_order, created, recorded_state, recorded_since)
            VALUES (:name, :description, :order, :now, 'operational', :now)""")
    @GetGeneratedKeys
    int insertComponent(@Bind("name") String name, @Bind("description") String description, @Bind("order") int displayOrder,
            @Bind("now") Instant now);

    @SqlUpdate("UPDATE status_component SET name = :name, description = :description, display_order = :order WHERE id = :id")
    int updateComponent(@Bind("id") int id, @Bind("name") String name, @Bind("description") String description, @Bind("order") int displayOrder);

    @SqlUpdate("DELETE FROM status_component WHERE id = :id")
    int deleteComponent(@Bind("id") int id);

    @SqlQuery("SELECT id FROM status_component WHERE id = :id FOR UPDATE")
    Optional<Integer> lockComponent(@Bind("id") int id);

    @SqlUpdate("DELETE FROM status_component_feed WHERE component_id = :id")
    void deleteFeeds(@Bind("id") int componentId);

    @SqlUpdate("INSERT INTO status_component_feed (component_id, kind, value) VALUES (:id, :kind, :value)")
    void insertFeed(@Bind("id") int componentId, @Bind("kind") String kind, @Bind("value") String value);

    // ------------------------------------------------------------------ overrides

    @SqlQuery("""
            SELECT o.component_id AS componentId, o.state, o.reason, t.name AS author, o.created, o.until
            FROM status_component_override o JOIN target t ON t.id = o.user_id""")
    @RegisterConstructorMapper(OverrideRow.class)
    List<OverrideRow> overrides();

    @SqlUpdate("""
            INSERT INTO status_component_override (component_id, state, reason, user_id, created, until)
            VALUES (:id, :state, :reason, :user, :now, :until)
            ON DUPLICATE KEY UPDATE state = VALUES(state), reason = VALUES(reason), user_id = VALUES(user_id),
                                    created = VALUES(created), until = VALUES(until)""")
    void setOverride(@Bind("id") int componentId, @Bind("state") String state, @Bind("reason") String reason, @Bind("user") long userId,
            @Bind("now") Instant now, @Bind("until") Instant until);

    @SqlUpdate("DELETE FROM status_component_override WHERE component_id = :id")
    int deleteOverride(@Bind("id") int componentId);

    // ------------------------------------------------------------------ incidents

    /**
     * An incident as the state computation reads it, with the most urgent priority of its plan;
     * the queries below add their conditions.
     */
    String INCIDENT_ROWS = """
            SELECT i.id, a.name AS application, p.name AS plan, i.dedup_key AS dedupKey, i.context, i.created, i.resolved,
                   (SELECT pr.name FROM plan_notification n JOIN priority pr ON pr.id = n.priority_id
                    WHERE n.plan_id = i.plan_id ORDER BY pr.id LIMIT 1) AS priority,
                   (SELECT MAX(e.created) FROM incident_event e WHERE e.incident_id = i.id AND e.kind = 'resolved') AS resolvedAt
            FROM incident i
            JOIN application a ON a.id = i.application_id
            JOIN plan p ON p.id = i.plan_id
            """;

    /**
     * Unresolved incidents created since {@code oldest}, and those resolved since {@code resolvedSince}
     * (for the hold-down), with the most urgent priority of their plan.
     */
    @SqlQuery(INCIDENT_ROWS + """
            WHERE (i.resolved = 0 AND i.created >= :oldest)
               OR (i.resolved = 1 AND i.updated >= :resolvedSince)""")
    @RegisterConstructorMapper(IncidentRow.class)
    List<IncidentRow> impactingIncidents(@Bind("oldest") Instant oldest, @Bind("resolvedSince") Instant resolvedSince);

    /**
     * {@link #impactingIncidents} of the named applications and plans and with the given dedup
     * keys only (see {@link FeedSelection}). An empty list matches nothing.
     */
    @SqlQuery(INCIDENT_ROWS + """
            WHERE ((i.resolved = 0 AND i.created >= :oldest)
                   OR (i.resolved = 1 AND i.updated >= :resolvedSince))
              AND (a.name IN (<applications>) OR p.name IN (<plans>) OR i.dedup_key IN (<dedupKeys>))""")
    @RegisterConstructorMapper(IncidentRow.class)
    List<IncidentRow> impactingIncidentsOf(@Bind("oldest") Instant oldest, @Bind("resolvedSince") Instant resolvedSince,
            @BindList(value = "applications", onEmpty = BindList.EmptyHandling.NULL_STRING) List<String> applications,
            @BindList(value = "plans", onEmpty = BindList.EmptyHandling.NULL_STRING) List<String> plans,
            @BindList(value = "dedupKeys", onEmpty = BindList.EmptyHandling.NULL_STRING) List<String> dedupKeys);

    @SqlQuery(INCIDENT_ROWS + "WHERE i.id IN (<ids>)")
    @RegisterConstructorMapper(IncidentRow.class)
    List<IncidentRow> incidents(@BindList("ids") List<Long> ids);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM incident WHERE id = :id)")
    boolean incidentExists(@Bind("id") long incidentId);

    // ------------------------------------------------------------------ recorded states

    /**
     * Compare-and-set: moves the recorded state only from {@code old}; 1 when this caller did.
     */
    @SqlUpdate("""
            UPDATE status_component SET recorded_state = :state, recorded_since = :now
            WHERE id = :id AND recorded_state = :old""")
    int recordState(@Bind("id") int componentId, @Bind("old") String oldState, @Bind("state") String state, @Bind("now") Instant now);

    @SqlUpdate("INSERT INTO status_state_change (component_id, changed, state) VALUES (:id, :now, :state)")
    void insertStateChange(@Bind("id") int componentId, @Bind("now") Instant now, @Bind("state") String state);

    @SqlQuery("""
            SELECT component_id AS componentId, changed, state FROM status_state_change
            WHERE changed >= :since
            UNION ALL
            SELECT c.component_id, c.changed, c.state FROM status_state_change c
            WHERE c.id IN (SELECT MAX(id) FROM status_state_change WHERE changed < :since GROUP BY component_id)
            ORDER BY componentId, changed""")
    @RegisterConstructorMapper(StateChangeRow.class)
    List<StateChangeRow> stateChanges(@Bind("since") Instant since);

    // ------------------------------------------------------------------ public updates

    /**
     * The database's time: what incident events, comments and pages are stamped with.
     */
    @SqlQuery("SELECT NOW(3)")
    Instant databaseNow();

    @SqlUpdate("INSERT IGNORE INTO status_incident (incident_id, title, created) VALUES (:id, :title, :now)")
    int insertStatusIncident(@Bind("id") long incidentId, @Bind("title") String title, @Bind("now") Instant now);

    @SqlUpdate("UPDATE status_incident SET title = :title WHERE incident_id = :id")
    int retitle(@Bind("id") long incidentId, @Bind("title") String title);

    @SqlUpdate("""
            INSERT INTO status_update (incident_id, created, `status`, body, user_id)
            VALUES (:id, :now, :status, :body, :user)""")
    @GetGeneratedKeys
    long insertUpdate(@Bind("id") long incidentId, @Bind("now") Instant now, @Bind("status") String status, @Bind("body") String body,
            @Bind("user") long userId);

    String STATUS_INCIDENT = """
            SELECT s.incident_id AS incidentId, s.title, s.created, i.resolved,
                   (SELECT MAX(e.created) FROM incident_event e WHERE e.incident_id = i.id AND e.kind = 'resolved') AS resolvedAt
            FROM status_incident s JOIN incident i ON i.id = s.incident_id
            """;

    /**
     * Incidents shown publicly that are unresolved or had an update since {@code since}, newest first.
     */
    @SqlQuery(STATUS_INCIDENT + """
            WHERE i.resolved = 0 OR s.created >= :since
               OR EXISTS (SELECT 1 FROM status_update u WHERE u.incident_id = s.incident_id AND u.created >= :since)
            ORDER BY s.created DESC
            LIMIT :limit""")
    @RegisterConstructorMapper(StatusIncidentRow.class)
    List<StatusIncidentRow> statusIncidents(@Bind("since") Instant since, @Bind("limit") int limit);

    @SqlQuery(STATUS_INCIDENT + "WHERE s.incident_id = :id")
    @RegisterConstructorMapper(StatusIncidentRow.class)
    Optional<StatusIncidentRow> statusIncident(@Bind("id") long incidentId);

    @SqlQuery("""
            SELECT id, incident_id AS incidentId, created, `status`, body FROM status_update
            WHERE incident_id IN (<ids>) ORDER BY created DESC, id DESC""")
    @RegisterConstructorMapper(UpdateRow.class)
    List<UpdateRow> updates(@BindList("ids") List<Long> incidentIds);

    // ------------------------------------------------------------------ reminders

    /**
     * Of {@code incidentIds}, those created before {@code createdBefore} with no public update and
     * no reminder yet, with whom to remind.
     */
    @SqlQuery("""
            SELECT i.id AS incidentId, i.owner_id AS ownerId, p.user_id AS planCreatorId
            FROM incident i JOIN plan p ON p.id = i.plan_id
            WHERE i.id IN (<ids>) AND i.created <= :createdBefore AND i.resolved = 0
              AND NOT EXISTS (SELECT 1 FROM status_update u WHERE u.incident_id = i.id)
              AND NOT EXISTS (SELECT 1 FROM status_reminder r WHERE r.incident_id = i.id)""")
    @RegisterConstructorMapper(ReminderCandidate.class)
    List<ReminderCandidate> reminderCandidates(@BindList("ids") List<Long> incidentIds, @Bind("createdBefore") Instant createdBefore);

    /**
     * 1 when this caller is the one to send the reminder.
     */
    @SqlUpdate("INSERT IGNORE INTO status_reminder (incident_id, sent) VALUES (:id, :now)")
    int insertReminder(@Bind("id") long incidentId, @Bind("now") Instant now);

    // ------------------------------------------------------------------ subscriptions

    @SqlUpdate("""
            INSERT INTO status_subscription (email, token, confirmed, created) VALUES (:email, :token, 0, :now)
            ON DUPLICATE KEY UPDATE token = IF(confirmed = 1, token, VALUES(token))""")
    void subscribe(@Bind("email") String email, @Bind("token") String token, @Bind("now") Instant now);

    @SqlQuery("SELECT token FROM status_subscription WHERE email = :email")
    Optional<String> token(@Bind("email") String email);

    @SqlQuery("SELECT confirmed FROM status_subscription WHERE email = :email")
    Optional<Boolean> confirmed(@Bind("email") String email);

    @SqlUpdate("UPDATE status_subscription SET confirmed = 1 WHERE token = :token")
    int confirm(@Bind("token") String token);

    @SqlUpdate("DELETE FROM status_subscription WHERE token = :token")
    int unsubscribe(@Bind("token") String token);

    @SqlQuery("SELECT email FROM status_subscription WHERE token = :token")
    Optional<String> subscriber(@Bind("token") String token);

    record Subscriber(String email, String token) {}

    @SqlQuery("SELECT email, token FROM status_subscription WHERE confirmed = 1 ORDER BY id")
    @RegisterConstructorMapper(Subscriber.class)
    List<Subscriber> confirmedSubscribers();

    // ------------------------------------------------------------------ notices

    @SqlQuery("SELECT id FROM application WHERE name = :name")
    Optional<Integer> applicationId(@Bind("name") String name);

    @SqlQuery("SELECT id FROM mode WHERE name = 'email'")
    Optional<Integer> emailModeId();

    @SqlQuery("SELECT id FROM priority WHERE name = 'high'")
    Optional<Integer> highPriorityId();

    @SqlQuery("""
            SELECT t.id FROM target t JOIN target_type tt ON tt.id = t.type_id JOIN `user` u ON u.target_id = t.id
            WHERE t.name = :name AND tt.name = 'user'""")
    Optional<Long> userId(@Bind("name") String name);

    /**
     * A durable email to an address (a subscriber), delivered by the sender like any message.
     */
    @SqlUpdate("""
            INSERT INTO message (created, application_id, destination, mode_id, subject, body, active, `status`, next_attempt_at)
            VALUES (:now, :application, :email, :mode, :subject, :body, 1, 'queued', :now)""")
    void queueEmail(@Bind("now") Instant now, @Bind("application") int applicationId, @Bind("mode") int emailModeId,
            @Bind("email") String email, @Bind("subject") String subject, @Bind("body") String body);

    /**
     * A durable notice to a user, through the contact mode the sender picks for its priority. It
     * carries no incident id on purpose: the sender holds back messages of claimed incidents, and
     * a reminder is for the incident's owner.
     */
    @SqlUpdate("""
            INSERT INTO message (created, application_id, target_id, priority_id, subject, body, active, `status`, next_attempt_at)
            VALUES (:now, :application, :user, :priority, :subject, :body, 1, 'queued', :now)""")
    void queueNotice(@Bind("now") Instant now, @Bind("application") int applicationId, @Bind("user") long userId,
            @Bind("priority") int priorityId, @Bind("subject") String subject, @Bind("body") String body);
}
