package dev.iris.core.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.db.Database;
import dev.iris.testing.db.TestingMariaDb;
import dev.iris.testing.seed.SeedWriter;
import dev.iris.testing.seed.SeedWriter.Notification;
import io.dropwizard.util.Duration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

final class RetentionJobTest
{
    private Database database;
    private Jdbi jdbi;
    private long application;
    private long user;
    private long plan;
    private final List<java.time.Duration> pauses = new ArrayList<>();

    @BeforeEach
    void setUp()
    {
        database = TestingMariaDb.get().newDatabase();
        jdbi = database.jdbi();
        jdbi.useTransaction(handle -> {
            SeedWriter seed = new SeedWriter(handle);
            application = seed.application("app", "key", false, List.of("title"));
            user = seed.user("alice", false, Map.of("email", "alice@example.com"));
            seed.template("page", user, application, List.of("email"), "s", "b");
            plan = seed.plan("plan", user, "", List.of(Notification.of(1, "user", user, "high", "page", 0, 60)), 0, 0, 0, 0);
        });
        jdbi.useHandle(handle -> {
            for (int i = 0; i < 5; i++) {
                long old = incident(handle, 200, false);
                for (int m = 0; m < 3; m++) {
                    long message = message(handle, old, 200, "sent");
                    handle.execute("INSERT INTO twilio_delivery_status (twilio_sid, message_id, status) VALUES (?, ?, 'delivered')", "SID" + message, message);
                    handle.execute("INSERT INTO message_changelog (`date`, message_id, change_type, old, new) VALUES (NOW(3), ?, 'mode-change', 'sms', 'email')", message);
                }
                handle.execute("INSERT INTO incident_event (incident_id, created, kind) VALUES (?, NOW(3) - INTERVAL 200 DAY, 'created')", old);
                handle.execute("INSERT INTO comment (incident_id, created, user_id, content) VALUES (?, NOW(3), ?, 'looked at it')", old, user);
            }
            message(handle, incident(handle, 200, true), 200, "queued");
            message(handle, incident(handle, 10, false), 10, "sent");
            for (int i = 0; i < 4; i++) {
                message(handle, null, 200, i % 2 == 0 ? "sent" : "failed");
            }
            message(handle, null, 200, "queued");
            message(handle, null, 10, "sent");
        });
    }

    @AfterEach
    void tearDown()
    {
        database.close();
    }

    @Test
    void deletesOldFinishedIncidentsAndMessagesInBatchesAndArchivesThem(@TempDir Path archive)
            throws Exception
    {
        RetentionConfig config = new RetentionConfig().setMaxAge(Duration.days(180)).setBatchSize(2)
                .setCooldown(Duration.milliseconds(5)).setArchiveDirectory(archive.toString());

        RetentionJob.Result result = new RetentionJob(jdbi, config, pauses::add).run(Instant.now());

        assertThat(result.incidentsDeleted()).isEqualTo(5);
        assertThat(result.messagesDeleted()).isEqualTo(15 + 4);
        // 3 incident batches of at most 2, then 2 batches of out-of-band messages; a pause after each.
        assertThat(result.batches()).isEqualTo(5);
        assertThat(pauses).hasSize(5).allSatisfy(pause -> assertThat(pause).isEqualTo(java.time.Duration.ofMillis(5)));

        // Kept: the old incident still escalating, the recent one, queued and recent messages.
        assertThat(count("SELECT COUNT(*) FROM incident")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM incident WHERE active = 1")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM message")).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM message WHERE `status` = 'queued'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM twilio_delivery_status")).isZero();
        assertThat(count("SELECT COUNT(*) FROM message_changelog")).isZero();
        assertThat(count("SELECT COUNT(*) FROM comment")).isZero();
        assertThat(count("SELECT COUNT(*) FROM incident_event")).isZero();

        String date = LocalDate.now(ZoneOffset.UTC).toString();
        List<String> incidents = Files.readAllLines(archive.resolve("incident-" + date + ".jsonl"));
        assertThat(incidents).hasSize(5);
        JsonNode first = new ObjectMapper().readTree(incidents.get(0));
        assertThat(first.get("plan_id").asLong()).isEqualTo(plan);
        assertThat(first.get("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(lines(archive, "message", date)).isEqualTo(19);
        assertThat(lines(archive, "message_changelog", date)).isEqualTo(15);
        assertThat(lines(archive, "comment", date)).isEqualTo(5);
        assertThat(lines(archive, "incident_event", date)).isEqualTo(5);
    }

    @Test
    void withoutArchiveOnlyDeletes(@TempDir Path unused)
            throws Exception
    {
        RetentionConfig config = new RetentionConfig().setMaxAge(Duration.days(180)).setBatchSize(1000).setCooldown(Duration.seconds(0));

        RetentionJob.Result result = new RetentionJob(jdbi, config, pauses::add).run(Instant.now());

        assertThat(result.incidentsDeleted()).isEqualTo(5);
        assertThat(result.batches()).isEqualTo(2);
        assertThat(pauses).isEmpty();
        try (var files = Files.list(unused)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void secondRunFindsNothing()
            throws Exception
    {
        RetentionConfig config = new RetentionConfig().setCooldown(Duration.seconds(0));
        RetentionJob job = new RetentionJob(jdbi, config, pauses::add);
        job.run(Instant.now());

        assertThat(job.run(Instant.now())).isEqualTo(new RetentionJob.Result(0, 0, 0));
    }

    @Test
    void unwritableArchiveDeletesNothing(@TempDir Path directory)
            throws Exception
    {
        Path file = directory.resolve("not-a-directory");
        Files.writeString(file, "x");
        RetentionConfig config = new RetentionConfig().setCooldown(Duration.seconds(0)).setArchiveDirectory(file.toString());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RetentionJob(jdbi, config, pauses::add).run(Instant.now()))
                .hasMessageContaining("cannot write archive");
        assertThat(count("SELECT COUNT(*) FROM incident")).isEqualTo(7);
        assertThat(count("SELECT COUNT(*) FROM message")).isEqualTo(23);
    }

    private long incident(Handle handle, int daysAgo, boolean active)
    {
        return handle.createUpdate("""
                        INSERT INTO incident (plan_id, created, updated, context, application_id, active)
                        VALUES (:plan, NOW(3) - INTERVAL :days DAY, NOW(3) - INTERVAL :days DAY, '{}', :app, :active)""")
                .bind("plan", plan).bind("days", daysAgo).bind("app", application).bind("active", active)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    private long message(Handle handle, Long incident, int daysAgo, String status)
    {
        return handle.createUpdate("""
                        INSERT INTO message (created, application_id, target_id, incident_id, active, `status`, next_attempt_at)
                        VALUES (NOW(3) - INTERVAL :days DAY, :app, :user, :incident, 0, :status, NOW(3))""")
                .bind("days", daysAgo).bind("app", application).bind("user", user).bind("incident", incident).bind("status", status)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    private int count(String sql)
    {
        return jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(Integer.class).one());
    }

    private static long lines(Path archive, String table, String date)
            throws IOException
    {
        return Files.readAllLines(archive.resolve(table + "-" + date + ".jsonl")).size();
    }
}
