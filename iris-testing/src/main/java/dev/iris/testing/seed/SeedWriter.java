package dev.iris.testing.seed;

import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Writes people, applications, templates and plans straight into the database, each only when
 * absent. Used by the dev seed and by tests to set up data; the API's services are the way to
 * change data in a running Iris.
 */
public final class SeedWriter
{
    private final Handle handle;

    public SeedWriter(Handle handle)
    {
        this.handle = requireNonNull(handle, "handle is null");
    }

    /**
     * A user with contacts by mode name ({@code email}, {@code sms}, {@code call}, {@code slack}).
     */
    public long user(String name, boolean admin, Map<String, String> contacts)
    {
        long id = target(name, "user");
        handle.execute("INSERT IGNORE INTO `user` (target_id, admin) VALUES (?, ?)", id, admin);
        contacts.forEach((mode, destination) -> handle.execute("""
                INSERT IGNORE INTO target_contact (target_id, mode_id, destination)
                SELECT ?, id, ? FROM mode WHERE name = ?""", id, destination, mode));
        return id;
    }

    public void password(long userId, String bcryptHash)
    {
        handle.execute("UPDATE `user` SET password_hash = COALESCE(password_hash, ?) WHERE target_id = ?", bcryptHash, userId);
    }

    public long team(String name, List<Long> memberIds)
    {
        long id = target(name, "team");
        handle.execute("INSERT IGNORE INTO team (target_id) VALUES (?)", id);
        for (long member : memberIds) {
            handle.execute("INSERT IGNORE INTO user_team (user_id, team_id) VALUES (?, ?)", member, id);
        }
        return id;
    }

    public long mailingList(String name, List<Long> memberIds)
    {
        long id = target(name, "mailing-list");
        handle.execute("INSERT IGNORE INTO mailing_list (target_id, `count`) VALUES (?, ?)", id, memberIds.size());
        for (long member : memberIds) {
            handle.execute("INSERT IGNORE INTO mailing_list_membership (list_id, user_id) VALUES (?, ?)", id, member);
        }
        return id;
    }

    public long target(String name, String type)
    {
        handle.execute("INSERT IGNORE INTO target (name, type_id) SELECT ?, id FROM target_type WHERE name = ?", name, type);
        return handle.createQuery("""
                        SELECT t.id FROM target t JOIN target_type tt ON tt.id = t.type_id
                        WHERE t.name = :name AND tt.name = :type""")
                .bind("name", name).bind("type", type)
                .mapTo(Long.class).one();
    }

    /**
     * An application allowed every mode but {@code drop}, with its template variables (the first
     * one is the title variable).
     */
    public long application(String name, String key, boolean allowAuthenticatingUsers, List<String> variables)
    {
        handle.execute("INSERT IGNORE INTO application (name, `key`, allow_authenticating_users) VALUES (?, ?, ?)",
                name, key, allowAuthenticatingUsers);
        long id = id("SELECT id FROM application WHERE name = ?", name).orElseThrow();
        handle.execute("INSERT IGNORE INTO application_mode (application_id, mode_id) SELECT ?, id FROM mode WHERE name <> 'drop'", id);
        for (int i = 0; i < variables.size(); i++) {
            handle.execute("INSERT IGNORE INTO template_variable (application_id, name, required, title_variable) VALUES (?, ?, 0, ?)",
                    id, variables.get(i), i == 0);
        }
        return id;
    }

    public void owner(long applicationId, long userId)
    {
        handle.execute("INSERT IGNORE INTO application_owner (application_id, user_id) VALUES (?, ?)", applicationId, userId);
    }

    /**
     * An active template named {@code name} (if none is active yet) with the same subject and body
     * for the given application in every listed mode.
     */
    public long template(String name, long creatorId, long applicationId, List<String> modes, String subject, String body)
    {
        Optional<Long> active = id("SELECT template_id FROM template_active WHERE name = ?", name);
        if (active.isPresent()) {
            return active.get();
        }
        long template = handle.createUpdate("INSERT INTO template (name, created, user_id) VALUES (:name, NOW(3), :user)")
                .bind("name", name).bind("user", creatorId)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        for (String mode : modes) {
            handle.execute("""
                    INSERT INTO template_content (template_id, application_id, mode_id, subject, body)
                    SELECT ?, ?, id, ?, ? FROM mode WHERE name = ?""", template, applicationId, subject, body, mode);
        }
        handle.execute("INSERT INTO template_active (name, template_id) VALUES (?, ?)", name, template);
        return template;
    }

    /**
     * One notification of a plan step.
     */
    public record Notification(int step, String role, long targetId, String priority, String template, int repeat, int waitSeconds, boolean optional)
    {
        public static Notification of(int step, String role, long targetId, String priority, String template, int repeat, int waitSeconds)
        {
            return new Notification(step, role, targetId, priority, template, repeat, waitSeconds, false);
        }
    }

    /**
     * An active plan named {@code name} (if none is active yet) with the given notifications and
     * aggregation settings.
     */
    public long plan(String name, long creatorId, String description, List<Notification> notifications,
            int thresholdWindow, int thresholdCount, int aggregationWindow, int aggregationReset)
    {
        Optional<Long> active = id("SELECT plan_id FROM plan_active WHERE name = ?", name);
        if (active.isPresent()) {
            return active.get();
        }
        int steps = notifications.stream().mapToInt(Notification::step).max().orElse(0);
        long plan = handle.createUpdate("""
                        INSERT INTO plan (name, created, user_id, description, step_count, threshold_window, threshold_count,
                                          aggregation_window, aggregation_reset)
                        VALUES (:name, NOW(3), :user, :description, :steps, :tw, :tc, :aw, :ar)""")
                .bind("name", name).bind("user", creatorId).bind("description", description).bind("steps", steps)
                .bind("tw", thresholdWindow).bind("tc", thresholdCount).bind("aw", aggregationWindow).bind("ar", aggregationReset)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        for (Notification notification : notifications) {
            handle.execute("""
                    INSERT INTO plan_notification (plan_id, step, template, target_id, role_id, priority_id, `repeat`, `wait`, optional)
                    SELECT ?, ?, ?, ?, r.id, p.id, ?, ?, ? FROM target_role r, priority p
                    WHERE r.name = ? AND p.name = ?""",
                    plan, notification.step(), notification.template(), notification.targetId(), notification.repeat(),
                    notification.waitSeconds(), notification.optional(), notification.role(), notification.priority());
        }
        handle.execute("INSERT INTO plan_active (name, plan_id) VALUES (?, ?)", name, plan);
        return plan;
    }

    private Optional<Long> id(String sql, String argument)
    {
        return handle.createQuery(sql).bind(0, argument).mapTo(Long.class).findOne();
    }
}
