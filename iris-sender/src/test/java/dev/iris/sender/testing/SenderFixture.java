package dev.iris.sender.testing;

import com.codahale.metrics.MetricRegistry;
import dev.iris.core.rolelookup.DatabaseRoleLookup;
import dev.iris.core.rolelookup.RoleResolver;
import dev.iris.core.schedule.ScheduleRoleLookup;
import dev.iris.db.Database;
import dev.iris.sender.Sender;
import dev.iris.sender.SenderConfig;
import dev.iris.sender.SenderJdbi;
import dev.iris.sender.dispatch.ClaimedMessage;
import dev.iris.sender.dispatch.DispatchRules;
import dev.iris.sender.dispatch.DispatchSettings;
import dev.iris.sender.dispatch.VendorPool;
import dev.iris.sender.escalation.EscalationService;
import dev.iris.spi.vendor.Vendor;
import dev.iris.testing.TestingClock;
import dev.iris.testing.db.TestingMariaDb;
import dev.iris.testing.seed.SeedWriter;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A fresh database, a hand-moved clock, and helpers that write incidents, claims and unclaims
 * with exactly the rows the cross-team contract prescribes (the API does this in production).
 */
public final class SenderFixture
        implements AutoCloseable
{
    /** The production defaults: 60 s send deadline, 30 min delivery budget, 2 min per mode before falling back. */
    public static final DispatchSettings SETTINGS = DispatchSettings.defaults();

    private final Database database;
    private final Jdbi jdbi;
    private final TestingClock clock;

    private SenderFixture(Database database)
    {
        this.database = database;
        this.jdbi = SenderJdbi.create(database.dataSource());
        this.clock = new TestingClock(jdbi.withHandle(handle -> handle.createQuery("SELECT NOW(3)").mapTo(Instant.class).one()));
    }

    public static SenderFixture create()
    {
        return new SenderFixture(TestingMariaDb.get().newDatabase());
    }

    /**
     * A fresh database whose connections are opened as the sender's pool opens them (READ
     * COMMITTED) and count their statements ({@link StatementCounter}).
     */
    public static SenderFixture counting()
    {
        TestingMariaDb server = TestingMariaDb.get();
        return new SenderFixture(Database.connect(server.newDatabaseUrl() + "&" + StatementCounter.URL_OPTION, server.user(), server.password(), 8,
                org.jdbi.v3.core.transaction.TransactionIsolationLevel.READ_COMMITTED));
    }

    public Jdbi jdbi()
    {
        return jdbi;
    }

    public Database database()
    {
        return database;
    }

    public TestingClock clock()
    {
        return clock;
    }

    public Sender sender(Vendor... vendors)
    {
        return sender(SETTINGS, vendors);
    }

    public Sender sender(DispatchSettings settings, Vendor... vendors)
    {
        return sender(settings, DispatchRules.withoutDefaultQuota(), vendors);
    }

    public Sender sender(DispatchRules rules, Vendor... vendors)
    {
        return sender(SETTINGS, rules, vendors);
    }

    /**
     * A sender whose role lookups are the built-in chain: the schedules, then the database.
     */
    public Sender senderWithSchedules(Vendor... vendors)
    {
        return sender(SETTINGS, DispatchRules.withoutDefaultQuota(),
                new RoleResolver(List.of(new ScheduleRoleLookup(jdbi(), clock), new DatabaseRoleLookup(jdbi())), clock), vendors);
    }

    private Sender sender(DispatchSettings settings, DispatchRules rules, Vendor... vendors)
    {
        return sender(settings, rules, new RoleResolver(List.of(new DatabaseRoleLookup(jdbi()))), vendors);
    }

    private Sender sender(DispatchSettings settings, DispatchRules rules, RoleResolver roles, Vendor... vendors)
    {
        List<VendorPool.NamedVendor> named = new ArrayList<>();
        for (Vendor vendor : vendors) {
            String name = vendor instanceof TestingVendor testing ? testing.name() : vendor.getClass().getSimpleName();
            named.add(new VendorPool.NamedVendor(name, vendor));
        }
        return new Sender(jdbi(), clock, settings, rules, "iris", new VendorPool(named, new SenderConfig().getSendThreads()), roles, new MetricRegistry(),
                EscalationService.EscalationListener.NONE);
    }

    public <T> T seed(Function<SeedWriter, T> writer)
    {
        return jdbi().inTransaction(handle -> writer.apply(new SeedWriter(handle)));
    }

    /**
     * Escalates and delivers until nothing is due at the clock's current time.
     */
    public static void runUntilIdle(Sender sender)
    {
        for (int pass = 0; pass < 1000; pass++) {
            int escalated = sender.escalation().processDue(1000);
            List<ClaimedMessage> claimed = sender.dispatcher().claimDue(1000);
            claimed.forEach(sender.dispatcher()::deliver);
            if (escalated == 0 && claimed.isEmpty()) {
                return;
            }
        }
        throw new AssertionError("the sender did not become idle");
    }

    /**
     * A new incident, as POST /v0/incidents writes it.
     */
    public long createIncident(long planId, String application, String context)
    {
        return createIncident(planId, application, context, Map.of());
    }

    /**
     * @param dynamicTargets dynamic index -> {role name, target name}
     */
    public long createIncident(long planId, String application, String context, Map<Integer, String[]> dynamicTargets)
    {
        Instant now = clock.instant();
        return jdbi().inTransaction(handle -> {
            long id = handle.createUpdate("""
                            INSERT INTO incident (plan_id, created, updated, context, application_id, current_step, active)
                            SELECT :plan, :now, :now, :context, a.id, 0, 1 FROM application a WHERE a.name = :application""")
                    .bind("plan", planId).bind("now", now).bind("context", context).bind("application", application)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            dynamicTargets.forEach((index, roleAndTarget) -> handle.createUpdate("""
                            INSERT INTO dynamic_plan_map (incident_id, dynamic_index, role_id, target_id)
                            SELECT :incident, :index, r.id, t.id FROM target_role r, target t
                            WHERE r.name = :role AND t.name = :target""")
                    .bind("incident", id).bind("index", index).bind("role", roleAndTarget[0]).bind("target", roleAndTarget[1])
                    .execute());
            handle.execute("INSERT INTO incident_event (incident_id, created, kind) VALUES (?, ?, 'created')", id, now);
            handle.execute("INSERT INTO escalation_work (incident_id, due_at) VALUES (?, ?)", id, now);
            return id;
        });
    }

    /**
     * A claim, as ClaimService commits it.
     */
    public void claim(long incidentId, long ownerId)
    {
        Instant now = clock.instant();
        jdbi().useTransaction(handle -> {
            handle.execute("UPDATE incident SET active = 0, owner_id = ?, updated = ? WHERE id = ?", ownerId, now, incidentId);
            handle.execute("UPDATE message SET `status` = 'cancelled', active = 0 WHERE incident_id = ? AND `status` = 'queued'", incidentId);
            handle.execute("UPDATE message SET active = 0 WHERE incident_id = ?", incidentId);
            handle.execute("DELETE FROM escalation_work WHERE incident_id = ?", incidentId);
            handle.execute("INSERT INTO incident_event (incident_id, created, kind, actor) VALUES (?, ?, 'claimed', ?)", incidentId, now, String.valueOf(ownerId));
        });
    }

    /**
     * A resolve, as ClaimService commits it: resolved, and paging stopped like a claim.
     */
    public void resolve(long incidentId)
    {
        Instant now = clock.instant();
        jdbi().useTransaction(handle -> {
            handle.execute("UPDATE incident SET resolved = 1, active = 0, updated = ? WHERE id = ?", now, incidentId);
            handle.execute("UPDATE message SET `status` = 'cancelled', active = 0 WHERE incident_id = ? AND `status` = 'queued'", incidentId);
            handle.execute("UPDATE message SET active = 0 WHERE incident_id = ?", incidentId);
            handle.execute("DELETE FROM escalation_work WHERE incident_id = ?", incidentId);
            handle.execute("INSERT INTO incident_event (incident_id, created, kind) VALUES (?, ?, 'resolved')", incidentId, now);
        });
    }

    /**
     * A notice about an undeliverable page.
     */
    public record Notice(long id, String target, String status, String subject, String body, long noticeOf) {}

    public List<Notice> notices()
    {
        return jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT m.id, t.name, m.`status`, m.subject, m.body, m.notice_of
                        FROM message m JOIN target t ON t.id = m.target_id
                        WHERE m.notice_of IS NOT NULL ORDER BY m.id""")
                .map((rs, ctx) -> new Notice(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6)))
                .list());
    }

    public List<String> eventDescriptions(long incidentId, String kind)
    {
        return jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT description FROM incident_event WHERE incident_id = :id AND kind = :kind ORDER BY id""")
                .bind("id", incidentId).bind("kind", kind).mapTo(String.class).list());
    }

    /**
     * An unclaim (owner set to null), as the API commits it.
     */
    public void unclaim(long incidentId)
    {
        Instant now = clock.instant();
        jdbi().useTransaction(handle -> {
            handle.execute("UPDATE incident SET active = 1, owner_id = NULL, updated = ? WHERE id = ?", now, incidentId);
            handle.execute("""
                    INSERT INTO escalation_work (incident_id, due_at) VALUES (?, ?)
                    ON DUPLICATE KEY UPDATE due_at = VALUES(due_at)""", incidentId, now);
            handle.execute("INSERT INTO incident_event (incident_id, created, kind) VALUES (?, ?, 'unclaimed')", incidentId, now);
        });
    }

    /**
     * A message row as tests look at it.
     */
    public record Message(long id, String target, Integer round, String status, String mode, String destination,
            String subject, String body, Long planNotificationId, String priority, String batch, int attempts, String lastError) {}

    private static final String MESSAGE_COLUMNS = """
            SELECT m.id, t.name AS target, m.`round`, m.`status`, mo.name AS mode, m.destination, m.subject, m.body,
                   m.plan_notification_id, p.name AS priority, m.batch, m.attempts, m.last_error
            FROM message m
            LEFT JOIN target t ON t.id = m.target_id
            LEFT JOIN mode mo ON mo.id = m.mode_id
            LEFT JOIN priority p ON p.id = m.priority_id
            """;

    public List<Message> messages(long incidentId)
    {
        return jdbi().withHandle(handle -> handle.createQuery(MESSAGE_COLUMNS + "WHERE m.incident_id = :incident ORDER BY m.id")
                .bind("incident", incidentId)
                .map(SenderFixture::message)
                .list());
    }

    public List<Message> allMessages()
    {
        return jdbi().withHandle(handle -> handle.createQuery(MESSAGE_COLUMNS + "ORDER BY m.id")
                .map(SenderFixture::message)
                .list());
    }

    private static Message message(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext context)
            throws java.sql.SQLException
    {
        return new Message(rs.getLong("id"), rs.getString("target"), rs.getObject("round", Integer.class),
                rs.getString("status"), rs.getString("mode"), rs.getString("destination"), rs.getString("subject"),
                rs.getString("body"), rs.getObject("plan_notification_id", Long.class), rs.getString("priority"),
                rs.getString("batch"), rs.getInt("attempts"), rs.getString("last_error"));
    }

    public record Audit(String changeType, String oldValue, String newValue, String description) {}

    public List<Audit> audit(long messageId)
    {
        return jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT change_type, old, new, description FROM message_changelog WHERE message_id = :id ORDER BY id""")
                .bind("id", messageId)
                .map((rs, ctx) -> new Audit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list());
    }

    public boolean incidentActive(long incidentId)
    {
        return jdbi().withHandle(handle -> handle.createQuery("SELECT active FROM incident WHERE id = :id")
                .bind("id", incidentId).mapTo(Boolean.class).one());
    }

    public List<String> eventKinds(long incidentId)
    {
        return jdbi().withHandle(handle -> handle.createQuery("SELECT kind FROM incident_event WHERE incident_id = :id ORDER BY id")
                .bind("id", incidentId).mapTo(String.class).list());
    }

    public static List<String> targets(List<Message> messages)
    {
        return messages.stream().map(Message::target).toList();
    }

    public static List<Vendor> vendors(Vendor... vendors)
    {
        return Arrays.asList(vendors);
    }

    @Override
    public void close()
    {
        database.close();
    }
}
