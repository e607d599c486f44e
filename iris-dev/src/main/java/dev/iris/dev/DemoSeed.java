package dev.iris.dev;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.iris.core.auth.ApiKeys;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.Map;
import java.util.Optional;

/**
 * The demo data of {@code ./iris dev}, loaded only when absent so a second run keeps whatever the
 * developer changed: users demo (admin, password demo), alice and bob; team demo-team; the demo
 * application with key {@value #DEMO_KEY}; demo-template and demo-plan.
 */
public final class DemoSeed
{
    public static final String DEMO_APPLICATION = "demo";
    public static final String DEMO_KEY = "demo-secret-key";
    public static final String RELAY_APPLICATION = "iris-relay";
    public static final String RELAY_DEV_KEY = "relay-dev-key";

    private DemoSeed() {}

    public static void load(Jdbi jdbi)
    {
        jdbi.useTransaction(DemoSeed::load);
    }

    private static void load(Handle handle)
    {
        long demo = user(handle, "demo", true, Map.of("email", "demo@example.com"));
        handle.execute("UPDATE `user` SET password_hash = COALESCE(password_hash, ?) WHERE target_id = ?",
                BCrypt.withDefaults().hashToString(10, "demo".toCharArray()), demo);
        long alice = user(handle, "alice", false, Map.of("email", "alice@example.com", "sms", "+15555550101", "call", "+15555550101"));
        long bob = user(handle, "bob", false, Map.of("email", "bob@example.com", "sms", "+15555550102", "call", "+15555550102"));
        long team = team(handle, "demo-team");
        handle.execute("INSERT IGNORE INTO user_team (user_id, team_id) VALUES (?, ?), (?, ?)", alice, team, bob, team);

        // The internal app UI sessions act through, and the relay's app: random keys, never defaults.
        application(handle, "iris", ApiKeys.generate(), false);
        application(handle, RELAY_APPLICATION, RELAY_DEV_KEY, false);
        long app = application(handle, DEMO_APPLICATION, DEMO_KEY, true);
        handle.execute("UPDATE application SET sample_context = COALESCE(sample_context, ?) WHERE id = ?",
                "{\"title\": \"Disk full\", \"host\": \"db-01\", \"severity\": \"critical\"}", app);
        for (String variable : new String[] {"title", "host", "severity"}) {
            handle.execute("INSERT IGNORE INTO template_variable (application_id, name, required, title_variable) VALUES (?, ?, 0, ?)",
                    app, variable, variable.equals("title"));
        }
        handle.execute("INSERT IGNORE INTO application_owner (application_id, user_id) VALUES (?, ?)", app, demo);

        if (id(handle, "SELECT template_id FROM template_active WHERE name = ?", "demo-template").isEmpty()) {
            long template = handle.createUpdate("INSERT INTO template (name, created, user_id) VALUES ('demo-template', NOW(3), :user)")
                    .bind("user", demo).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            String subject = "[{{ severity }}] {{ title }} on {{ host }}";
            String body = "{{ title }} on {{ host }} (severity {{ severity }}). Incident {{ iris.incident_id }}.";
            for (String mode : new String[] {"call", "email", "slack", "sms"}) {
                handle.execute("""
                        INSERT INTO template_content (template_id, application_id, mode_id, subject, body)
                        SELECT ?, ?, id, ?, ? FROM mode WHERE name = ?""", template, app, subject, body, mode);
            }
            handle.execute("INSERT INTO template_active (name, template_id) VALUES ('demo-template', ?)", template);
        }

        if (id(handle, "SELECT plan_id FROM plan_active WHERE name = ?", "demo-plan").isEmpty()) {
            long plan = handle.createUpdate("""
                    INSERT INTO plan (name, created, user_id, description, step_count, threshold_window, threshold_count,
                                      aggregation_window, aggregation_reset)
                    VALUES ('demo-plan', NOW(3), :user, 'Page alice, then the whole demo team', 2, 900, 10, 300, 300)""")
                    .bind("user", demo).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            notification(handle, plan, 1, alice, "user", "high", 1, 60);
            notification(handle, plan, 2, team, "team", "urgent", 0, 120);
            handle.execute("INSERT INTO plan_active (name, plan_id) VALUES ('demo-plan', ?)", plan);
        }
    }

    private static long user(Handle handle, String name, boolean admin, Map<String, String> contacts)
    {
        long id = target(handle, name, "user");
        handle.execute("INSERT IGNORE INTO `user` (target_id, admin) VALUES (?, ?)", id, admin);
        contacts.forEach((mode, destination) -> handle.execute("""
                INSERT IGNORE INTO target_contact (target_id, mode_id, destination)
                SELECT ?, id, ? FROM mode WHERE name = ?""", id, destination, mode));
        return id;
    }

    private static long team(Handle handle, String name)
    {
        long id = target(handle, name, "team");
        handle.execute("INSERT IGNORE INTO team (target_id) VALUES (?)", id);
        return id;
    }

    private static long target(Handle handle, String name, String type)
    {
        handle.execute("""
                INSERT IGNORE INTO target (name, type_id) SELECT ?, id FROM target_type WHERE name = ?""", name, type);
        return id(handle, "SELECT t.id FROM target t JOIN target_type tt ON tt.id = t.type_id WHERE t.name = ? AND tt.name = '" + type + "'", name).orElseThrow();
    }

    private static long application(Handle handle, String name, String key, boolean authenticatesUsers)
    {
        handle.execute("INSERT IGNORE INTO application (name, `key`, allow_authenticating_users) VALUES (?, ?, ?)", name, key, authenticatesUsers);
        long id = id(handle, "SELECT id FROM application WHERE name = ?", name).orElseThrow();
        handle.execute("INSERT IGNORE INTO application_mode (application_id, mode_id) SELECT ?, id FROM mode WHERE name <> 'drop'", id);
        return id;
    }

    private static void notification(Handle handle, long plan, int step, long target, String role, String priority, int repeat, int wait)
    {
        handle.execute("""
                INSERT INTO plan_notification (plan_id, step, template, target_id, role_id, priority_id, `repeat`, `wait`, optional)
                SELECT ?, ?, 'demo-template', ?, r.id, p.id, ?, ?, 0 FROM target_role r, priority p
                WHERE r.name = ? AND p.name = ?""", plan, step, target, repeat, wait, role, priority);
    }

    private static Optional<Long> id(Handle handle, String sql, String argument)
    {
        return handle.createQuery(sql).bind(0, argument).mapTo(Long.class).findOne();
    }
}
