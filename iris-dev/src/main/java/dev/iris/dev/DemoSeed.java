package dev.iris.dev;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.iris.core.auth.ApiKeys;
import dev.iris.core.schedule.ScheduleDocument;
import dev.iris.core.schedule.ScheduleDocument.RotationSpec;
import dev.iris.core.schedule.ScheduleService;
import dev.iris.testing.seed.SeedWriter;
import dev.iris.testing.seed.SeedWriter.Notification;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The demo data of {@code ./iris dev}, loaded only when absent so a second run keeps whatever the
 * developer changed: users demo (admin, password demo), alice and bob; team demo-team; the demo
 * application with key {@value #DEMO_KEY}; demo-template and demo-plan (alice, then whoever is
 * on call as demo-team's primary); a weekly rotation of demo-team (alice, then bob, Mondays 09:00
 * Europe/Berlin).
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
        ScheduleService schedules = new ScheduleService(jdbi, Clock.systemUTC());
        if (schedules.export("demo-team").rotations().isEmpty()) {
            schedules.apply("demo-team", new ScheduleDocument("demo-team", 60, List.of(new RotationSpec("weekly", "primary",
                    "Europe/Berlin", "2024-01-01T09:00", "1w", "none", List.of("alice", "bob")))), "demo", false);
        }
    }

    private static void load(Handle handle)
    {
        SeedWriter seed = new SeedWriter(handle);
        long demo = seed.user("demo", true, Map.of("email", "demo@example.com"));
        seed.password(demo, BCrypt.withDefaults().hashToString(10, "demo".toCharArray()));
        long alice = seed.user("alice", false, Map.of("email", "alice@example.com", "sms", "+15555550101", "call", "+15555550101"));
        long bob = seed.user("bob", false, Map.of("email", "bob@example.com", "sms", "+15555550102", "call", "+15555550102"));
        long team = seed.team("demo-team", List.of(alice, bob));

        // The internal app UI sessions act through gets a random key; the relay's app has a dev key
        // that configs/iris-relay.dev.yaml knows.
        seed.application("iris", ApiKeys.generate(), false, List.of());
        seed.application(RELAY_APPLICATION, RELAY_DEV_KEY, false, List.of());
        long app = seed.application(DEMO_APPLICATION, DEMO_KEY, true, List.of("title", "host", "severity"));
        seed.owner(app, demo);
        handle.execute("UPDATE application SET sample_context = COALESCE(sample_context, ?) WHERE id = ?",
                "{\"title\": \"Disk full\", \"host\": \"db-01\", \"severity\": \"critical\"}", app);

        seed.template("demo-template", demo, app, List.of("call", "email", "slack", "sms"),
                "[{{ severity }}] {{ title }} on {{ host }}",
                "{{ title }} on {{ host }} (severity {{ severity }}). Incident {{ iris.incident_id }}.");
        seed.plan("demo-plan", demo, "Page alice, then demo-team's on-call primary", List.of(
                        Notification.of(1, "user", alice, "high", "demo-template", 1, 60),
                        Notification.of(2, "oncall-primary", team, "urgent", "demo-template", 0, 120)),
                900, 10, 300, 300);

        // The status page (http://localhost:16649/status): "Demo API" follows the demo
        // application's incidents and Alertmanager alerts labelled service=demo.
        if (handle.createQuery("SELECT COUNT(*) FROM status_component").mapTo(Integer.class).one() == 0) {
            int component = handle.createUpdate("""
                            INSERT INTO status_component (name, description, display_order, created, recorded_state, recorded_since)
                            VALUES ('Demo API', 'The demo service''s public API', 1, NOW(3), 'operational', NOW(3))""")
                    .executeAndReturnGeneratedKeys("id").mapTo(Integer.class).one();
            handle.execute("INSERT INTO status_component_feed (component_id, kind, value) VALUES (?, 'application', ?), (?, 'label', 'service=demo')",
                    component, DEMO_APPLICATION, component);
        }
    }
}
