package dev.iris.api.ui;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the incident page shows beyond the list row: the plan's steps, the messages with their
 * audit log, the timeline events and the comments.
 */
public interface IncidentPageDao
{
    record Detail(long id, String application, long planId, String plan, int stepCount, Instant created, Instant updated,
            String owner, boolean active, boolean resolved, int currentStep, String context, String contextTemplate,
            String summaryTemplate, String titleVariable, int dedupCount, Long silencedBy) {}

    record Step(int step, String role, String target, String priority, String template, int repeat, int waitSeconds, boolean optional) {}

    record Message(long id, Instant created, Instant sent, String target, String mode, String destination, String priority,
            String status, String deliveryStatus, String lastError, Integer round, Integer step, String subject) {}

    record Change(long messageId, Instant date, String changeType, String oldValue, String newValue, String description) {}

    record Event(Instant created, String kind, String actor, String description) {}

    record Comment(long id, Instant created, String author, String content) {}

    @SqlQuery("""
            SELECT i.id, a.name AS application, p.id AS planId, p.name AS plan, p.step_count AS stepCount, i.created, i.updated,
                   o.name AS owner, i.active, i.resolved, i.current_step AS currentStep, i.context,
                   a.context_template AS contextTemplate, a.summary_template AS summaryTemplate,
                   (SELECT MIN(v.name) FROM template_variable v WHERE v.application_id = a.id AND v.title_variable = 1) AS titleVariable,
                   i.dedup_count AS dedupCount, i.silenced_by AS silencedBy
            FROM incident i
            JOIN application a ON a.id = i.application_id
            JOIN plan p ON p.id = i.plan_id
            LEFT JOIN target o ON o.id = i.owner_id
            WHERE i.id = :id""")
    @RegisterConstructorMapper(Detail.class)
    Optional<Detail> incident(@Bind("id") long id);

    @SqlQuery("""
            SELECT n.step, r.name AS role, t.name AS target, pr.name AS priority, n.template, n.`repeat` AS `repeat`,
                   n.`wait` AS waitSeconds, n.optional
            FROM plan_notification n
            JOIN priority pr ON pr.id = n.priority_id
            LEFT JOIN target_role r ON r.id = n.role_id
            LEFT JOIN target t ON t.id = n.target_id
            WHERE n.plan_id = :planId
            ORDER BY n.step, n.id""")
    @RegisterConstructorMapper(Step.class)
    List<Step> steps(@Bind("planId") long planId);

    @SqlQuery("""
            SELECT m.id, m.created, m.sent, t.name AS target, mo.name AS mode, m.destination, pr.name AS priority,
                   m.`status` AS status, m.delivery_status AS deliveryStatus, m.last_error AS lastError, m.`round` AS `round`,
                   n.step AS step, m.subject
            FROM message m
            LEFT JOIN target t ON t.id = m.target_id
            LEFT JOIN mode mo ON mo.id = m.mode_id
            LEFT JOIN priority pr ON pr.id = m.priority_id
            LEFT JOIN plan_notification n ON n.id = m.plan_notification_id
            WHERE m.incident_id = :id
            ORDER BY m.id""")
    @RegisterConstructorMapper(Message.class)
    List<Message> messages(@Bind("id") long incidentId);

    @SqlQuery("""
            SELECT c.message_id AS messageId, c.`date` AS `date`, c.change_type AS changeType, c.old AS oldValue,
                   c.new AS newValue, c.description
            FROM message_changelog c JOIN message m ON m.id = c.message_id
            WHERE m.incident_id = :id
            ORDER BY c.id""")
    @RegisterConstructorMapper(Change.class)
    List<Change> changes(@Bind("id") long incidentId);

    @SqlQuery("""
            SELECT created, kind, actor, description FROM incident_event
            WHERE incident_id = :id
            ORDER BY id""")
    @RegisterConstructorMapper(Event.class)
    List<Event> events(@Bind("id") long incidentId);

    @SqlQuery("""
            SELECT c.id, c.created, t.name AS author, c.content
            FROM comment c JOIN target t ON t.id = c.user_id
            WHERE c.incident_id = :id
            ORDER BY c.id""")
    @RegisterConstructorMapper(Comment.class)
    List<Comment> comments(@Bind("id") long incidentId);

    /**
     * Active plans other than the incident's, for re-escalation.
     */
    @SqlQuery("SELECT name FROM plan_active WHERE name <> :current ORDER BY name")
    List<String> otherActivePlans(@Bind("current") String currentPlan);
}
