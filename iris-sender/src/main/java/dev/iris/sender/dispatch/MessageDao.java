package dev.iris.sender.dispatch;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Optional;

/**
 * The dispatcher's SQL. Every state change is guarded by the state it expects, so a sender that
 * lost a message (its deadline passed and another sender took it over) cannot overwrite the
 * newer outcome.
 */
public interface MessageDao
{
    /**
     * Locks one incident, waiting for a claim in progress, and says whether it was claimed or
     * resolved.
     */
    @SqlQuery("SELECT (owner_id IS NOT NULL OR resolved = 1) FROM incident WHERE id = :id FOR UPDATE")
    Optional<Boolean> lockIncidentStopped(@Bind("id") long incidentId);

    /**
     * Whether the incident was claimed or resolved, without a lock (a claim committing after this
     * read meets a send already under way).
     */
    @SqlQuery("SELECT (owner_id IS NOT NULL OR resolved = 1) FROM incident WHERE id = :id")
    Optional<Boolean> incidentStopped(@Bind("id") long incidentId);

    @SqlUpdate("UPDATE message SET `status` = 'cancelled', active = 0, send_deadline = NULL WHERE id = :id")
    void cancel(@Bind("id") long id);

    /**
     * Cancels a message this sender is sending, whose incident was claimed or resolved meanwhile.
     */
    @SqlUpdate("""
            UPDATE message SET `status` = 'cancelled', active = 0, send_deadline = NULL, last_error = :error
            WHERE id = :id AND `status` = 'sending' AND attempts = :attempt""")
    int cancelSending(@Bind("id") long id, @Bind("attempt") int attempt, @Bind("error") String error);

    @SqlUpdate("""
            UPDATE message SET `status` = 'suppressed', active = 0, sent = :now, mode_id = :mode, destination = :destination
            WHERE id = :id""")
    void suppress(@Bind("id") long id, @Bind("now") Instant now, @Bind("mode") Integer modeId, @Bind("destination") String destination);

    @SqlUpdate("""
            UPDATE message SET `status` = 'failed', active = 0, last_error = :error, send_deadline = NULL
            WHERE id = :id""")
    void failUnsent(@Bind("id") long id, @Bind("error") String error);

    /**
     * A claimed message that must not be sent after all (its rendered body is too long).
     */
    @SqlUpdate("""
            UPDATE message SET `status` = 'suppressed', active = 0, sent = :now, send_deadline = NULL, mode_id = :mode,
                               subject = :subject, body = :body, template_id = :template
            WHERE id = :id AND `status` = 'sending' AND attempts = :attempt""")
    int dropUnsent(@Bind("id") long id, @Bind("attempt") int attempt, @Bind("now") Instant now, @Bind("mode") int modeId,
            @Bind("subject") String subject, @Bind("body") String body, @Bind("template") Long templateId);

    @SqlUpdate("UPDATE message SET body = :body WHERE id = :id")
    void setBody(@Bind("id") long id, @Bind("body") String body);

    /**
     * Keeps the message in {@code sending} with the deadline moved to the retry time: state never
     * goes backwards, and the expired-deadline scan picks it up again.
     */
    @SqlUpdate("""
            UPDATE message SET send_deadline = :retryAt, last_error = :error, vendor = :vendor
            WHERE id = :id AND `status` = 'sending' AND attempts = :attempt""")
    int scheduleRetry(@Bind("id") long id, @Bind("attempt") int attempt, @Bind("retryAt") Instant retryAt,
            @Bind("error") String error, @Bind("vendor") String vendor);

    @SqlUpdate("""
            UPDATE message SET `status` = 'failed', active = 0, send_deadline = NULL, last_error = :error, vendor = :vendor,
                               subject = :subject, body = :body
            WHERE id = :id AND `status` = 'sending' AND attempts = :attempt""")
    int markFailed(@Bind("id") long id, @Bind("attempt") int attempt, @Bind("error") String error, @Bind("vendor") String vendor,
            @Bind("subject") String subject, @Bind("body") String body);

    /**
     * Moves a failing message to another of its person's modes, remembering the one it left.
     */
    @SqlUpdate("""
            UPDATE message SET mode_id = :mode, destination = :destination, last_error = :error, modes_tried = :modesTried,
                               mode_since = :now
            WHERE id = :id AND `status` = 'sending' AND attempts = :attempt""")
    int changeContact(@Bind("id") long id, @Bind("attempt") int attempt, @Bind("mode") int modeId,
            @Bind("destination") String destination, @Bind("error") String error, @Bind("modesTried") String modesTried,
            @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO incident_event (incident_id, created, kind, actor, description)
            VALUES (:incident, :now, :kind, NULL, :description)""")
    void incidentEvent(@Bind("incident") long incidentId, @Bind("now") Instant now, @Bind("kind") String kind,
            @Bind("description") String description);

    @SqlQuery("SELECT id FROM application WHERE name = :name")
    Optional<Integer> applicationId(@Bind("name") String name);

    @SqlQuery("SELECT id FROM priority WHERE name = :name")
    Optional<Integer> priorityId(@Bind("name") String name);

    /**
     * A notice about an undeliverable page, to a person (usually the plan's creator), sent like
     * any message with its priority's mode.
     */
    @SqlUpdate("""
            INSERT INTO message (created, application_id, target_id, priority_id, subject, body, active, `status`, next_attempt_at,
                                 notice_of)
            VALUES (:now, :application, :target, :priority, :subject, :body, 1, 'queued', :now, :noticeOf)""")
    void insertNotice(@Bind("now") Instant now, @Bind("application") int applicationId, @Bind("target") long targetId,
            @Bind("priority") int priorityId, @Bind("subject") String subject, @Bind("body") String body,
            @Bind("noticeOf") long noticeOf);

    @SqlUpdate("""
            INSERT INTO message_changelog (`date`, message_id, change_type, old, new, description)
            VALUES (:now, :message, :type, :old, :new, :description)""")
    void audit(@Bind("now") Instant now, @Bind("message") long messageId, @Bind("type") String changeType,
            @Bind("old") String oldValue, @Bind("new") String newValue, @Bind("description") String description);

    @SqlQuery("""
            SELECT tc.template_id, tc.subject, tc.body
            FROM template_active ta
            JOIN template_content tc ON tc.template_id = ta.template_id
            WHERE ta.name = :name AND tc.application_id = :application AND tc.mode_id = :mode""")
    @RegisterConstructorMapper(dev.iris.core.render.MessageTemplate.class)
    Optional<dev.iris.core.render.MessageTemplate> template(@Bind("name") String name, @Bind("application") int applicationId, @Bind("mode") int modeId);

    @SqlQuery("""
            SELECT sender_address FROM application_custom_sender_address
            WHERE application_id = :application AND mode_id = :mode""")
    Optional<String> customSenderAddress(@Bind("application") int applicationId, @Bind("mode") int modeId);

    @SqlQuery("SELECT COUNT(*) FROM message WHERE `status` = 'queued' AND next_attempt_at <= :now")
    long dueQueueDepth(@Bind("now") Instant now);

    @SqlQuery("SELECT MIN(next_attempt_at) FROM message WHERE `status` = 'queued'")
    Optional<Instant> nextQueued();
}
