package dev.iris.sender.storm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.iris.core.render.ContextValues;
import dev.iris.core.rolelookup.RoleResolver;
import dev.iris.sender.dispatch.MessageRow;
import dev.iris.sender.metrics.SenderMetrics;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Application quotas ({@code application_quota}), counted in the database in ten-second
 * buckets so several senders share one count. Over the hard quota a message is dropped and,
 * when the quota names a plan, an incident is raised in the sender's own application (at most one
 * open at a time, and not again within {@code wait_time} seconds). Over the soft quota the message
 * still goes out and the people under the quota's target (else the application's owners) get an
 * email notice, at most once per {@value #SOFT_NOTICE_INTERVAL_SECONDS} seconds.
 *
 * <p>Applications without a row get the {@link DefaultQuota}, if one is configured. It names no
 * target, so its soft breaches notice nobody (a log line per application per
 * {@value #SOFT_NOTICE_INTERVAL_SECONDS} seconds and the {@code iris.sender.quota.soft-breach}
 * counter); its hard breaches drop messages, and raise a quota incident only when it names a plan.
 */
public final class QuotaGuard
{
    private static final Logger log = LoggerFactory.getLogger(QuotaGuard.class);
    static final long SOFT_NOTICE_INTERVAL_SECONDS = 1800;
    private static final int BUCKET_SECONDS = 10;

    private final String senderApplication;
    private final RoleResolver roles;
    private final Optional<Quota> defaultQuota;
    private final SenderMetrics metrics;
    // Default-quota soft breaches are only logged: once per application per interval per sender.
    private final Map<Integer, Instant> lastDefaultSoftLog = new ConcurrentHashMap<>();
    // Quota settings are read on every message; a change applies within seconds.
    private final Cache<Integer, Optional<Quota>> quotas = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(5))
            .maximumSize(10_000)
            .build();

    public QuotaGuard(String senderApplication, RoleResolver roles, Optional<DefaultQuota> defaultQuota, SenderMetrics metrics)
    {
        this.senderApplication = requireNonNull(senderApplication, "senderApplication is null");
        this.roles = requireNonNull(roles, "roles is null");
        this.defaultQuota = requireNonNull(defaultQuota, "defaultQuota is null").map(quota -> new Quota(quota.hardLimit(), quota.softLimit(),
                (int) quota.hardDuration().toSeconds(), (int) quota.softDuration().toSeconds(), quota.planName().orElse(null), null,
                (int) quota.waitTime().toSeconds(), true));
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /**
     * @param isDefault the configured default quota, not an {@code application_quota} row
     */
    private record Quota(int hardQuotaThreshold, int softQuotaThreshold, int hardQuotaDuration, int softQuotaDuration,
            String planName, Long targetId, int waitTime, boolean isDefault) {}

    /**
     * The quota counts of one claim pass. Each application's usage is read once per pass and the
     * pass's own messages are added in memory; {@link #flush} writes them to the bucket as the
     * pass's last statement. Incrementing the bucket row per message would hold its lock for the
     * whole claim transaction and make every sender's claims of one busy application wait in line.
     */
    public static final class PassCounts
    {
        private final Map<Integer, Usage> usage = new HashMap<>();
        private final Map<Integer, Integer> added = new HashMap<>();
    }

    public PassCounts newPass()
    {
        return new PassCounts();
    }

    /**
     * Counts the message against its application's quota.
     *
     * @return true when the message breaches the hard quota and must be dropped
     */
    public boolean countAndCheck(PassCounts pass, Handle handle, MessageRow row, Instant now)
    {
        Optional<Quota> found = quotas.get(row.applicationId(), application -> handle.createQuery("""
                        SELECT hard_quota_threshold, soft_quota_threshold, hard_quota_duration, soft_quota_duration,
                               plan_name, target_id, wait_time
                        FROM application_quota WHERE application_id = :application""")
                .bind("application", application)
                .map((rs, ctx) -> new Quota(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
                        rs.getObject(6, Long.class), rs.getInt(7), false))
                .findOne())
                .or(() -> defaultQuota);
        if (found.isEmpty()) {
            return false;
        }
        Quota quota = found.get();
        Usage before = pass.usage.computeIfAbsent(row.applicationId(), application -> usage(handle, application, now, quota));
        int counted = pass.added.merge(row.applicationId(), 1, Integer::sum);
        if (before.hard() + counted > quota.hardQuotaThreshold()) {
            raiseIncident(handle, row, quota, now);
            return true;
        }
        if (before.soft() + counted > quota.softQuotaThreshold()) {
            if (quota.isDefault()) {
                logDefaultSoftBreach(row, quota, now);
            }
            else {
                noticeOwners(handle, row, quota, now);
            }
        }
        return false;
    }

    /**
     * Adds the pass's messages to the shared count.
     */
    public void flush(PassCounts pass, Handle handle, Instant now)
    {
        Instant bucket = Instant.ofEpochSecond(now.getEpochSecond() - Math.floorMod(now.getEpochSecond(), BUCKET_SECONDS));
        pass.added.forEach((application, count) -> handle.createUpdate("""
                        INSERT INTO quota_bucket (application_id, bucket_start, `count`) VALUES (:application, :bucket, :count)
                        ON DUPLICATE KEY UPDATE `count` = `count` + :count""")
                .bind("application", application).bind("bucket", bucket).bind("count", count).execute());
        pass.added.clear();
    }

    private record Usage(long hard, long soft) {}

    /**
     * The messages counted in the hard and the soft window, in one query.
     */
    private static Usage usage(Handle handle, int applicationId, Instant now, Quota quota)
    {
        // A bucket counts when it overlaps the window.
        Instant hardSince = now.minusSeconds(Math.max(quota.hardQuotaDuration(), 1)).minusSeconds(BUCKET_SECONDS);
        Instant softSince = now.minusSeconds(Math.max(quota.softQuotaDuration(), 1)).minusSeconds(BUCKET_SECONDS);
        return handle.createQuery("""
                        SELECT COALESCE(SUM(IF(bucket_start > :hardSince, `count`, 0)), 0),
                               COALESCE(SUM(IF(bucket_start > :softSince, `count`, 0)), 0)
                        FROM quota_bucket
                        WHERE application_id = :application AND bucket_start > :since""")
                .bind("application", applicationId)
                .bind("hardSince", hardSince)
                .bind("softSince", softSince)
                .bind("since", hardSince.isBefore(softSince) ? hardSince : softSince)
                .map((rs, ctx) -> new Usage(rs.getLong(1), rs.getLong(2)))
                .one();
    }

    private void logDefaultSoftBreach(MessageRow row, Quota quota, Instant now)
    {
        metrics.quotaSoftBreach();
        Instant last = lastDefaultSoftLog.get(row.applicationId());
        if (last != null && now.isBefore(last.plusSeconds(SOFT_NOTICE_INTERVAL_SECONDS))) {
            return;
        }
        lastDefaultSoftLog.put(row.applicationId(), now);
        log.warn("Application {} is over the default soft quota of {} messages per {} s; it has no application_quota, so nobody is noticed",
                row.applicationName(), quota.softQuotaThreshold(), quota.softQuotaDuration());
    }

    private record QuotaState(Long lastIncidentId, Instant lastIncidentAt, Instant lastSoftNoticeAt) {}

    private static QuotaState lockState(Handle handle, int applicationId)
    {
        handle.createUpdate("""
                        INSERT INTO quota_state (application_id) VALUES (:application)
                        ON DUPLICATE KEY UPDATE application_id = application_id""")
                .bind("application", applicationId).execute();
        return handle.createQuery("""
                        SELECT last_incident_id, last_incident_at, last_soft_notice_at FROM quota_state
                        WHERE application_id = :application FOR UPDATE""")
                .bind("application", applicationId)
                .map((rs, ctx) -> new QuotaState(
                        rs.getObject(1, Long.class),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
                .one();
    }

    private void raiseIncident(Handle handle, MessageRow row, Quota quota, Instant now)
    {
        if (quota.planName() == null || quota.planName().isBlank()) {
            return;
        }
        QuotaState state = lockState(handle, row.applicationId());
        if (state.lastIncidentId() != null) {
            boolean stillActive = handle.createQuery("SELECT active FROM incident WHERE id = :id")
                    .bind("id", state.lastIncidentId()).mapTo(Boolean.class).findOne().orElse(false);
            if (stillActive || (state.lastIncidentAt() != null && now.isBefore(state.lastIncidentAt().plusSeconds(quota.waitTime())))) {
                return;
            }
        }
        Optional<Long> plan = handle.createQuery("SELECT plan_id FROM plan_active WHERE name = :name")
                .bind("name", quota.planName()).mapTo(Long.class).findOne();
        Optional<Integer> application = handle.createQuery("SELECT id FROM application WHERE name = :name")
                .bind("name", senderApplication).mapTo(Integer.class).findOne();
        if (plan.isEmpty() || application.isEmpty()) {
            log.warn("Application {} is over its hard quota, but quota plan '{}' or application '{}' does not exist",
                    row.applicationName(), quota.planName(), senderApplication);
            return;
        }
        Map<String, Object> breach = new LinkedHashMap<>();
        breach.put("application", row.applicationName());
        breach.put("limit", quota.hardQuotaThreshold());
        breach.put("duration", quota.hardQuotaDuration());
        String context = ContextValues.toJson(Map.of("quota_breach", breach));
        // Same rows as any new incident (see the incident lifecycle contract).
        long incidentId = handle.createUpdate("""
                        INSERT INTO incident (plan_id, created, updated, context, application_id, current_step, active)
                        VALUES (:plan, :now, :now, :context, :application, 0, 1)""")
                .bind("plan", plan.get()).bind("now", now).bind("context", context).bind("application", application.get())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        handle.createUpdate("""
                        INSERT INTO incident_event (incident_id, created, kind, actor, description)
                        VALUES (:incident, :now, 'created', :actor, :description)""")
                .bind("incident", incidentId).bind("now", now).bind("actor", senderApplication)
                .bind("description", "application " + row.applicationName() + " exceeded its hard message quota").execute();
        handle.createUpdate("INSERT INTO escalation_work (incident_id, due_at) VALUES (:incident, :now)")
                .bind("incident", incidentId).bind("now", now).execute();
        handle.createUpdate("UPDATE quota_state SET last_incident_id = :incident, last_incident_at = :now WHERE application_id = :application")
                .bind("incident", incidentId).bind("now", now).bind("application", row.applicationId()).execute();
        log.warn("Application {} is over its hard quota of {} messages per {} s; raised incident {}",
                row.applicationName(), quota.hardQuotaThreshold(), quota.hardQuotaDuration(), incidentId);
    }

    private void noticeOwners(Handle handle, MessageRow row, Quota quota, Instant now)
    {
        QuotaState state = lockState(handle, row.applicationId());
        if (state.lastSoftNoticeAt() != null && now.isBefore(state.lastSoftNoticeAt().plus(Duration.ofSeconds(SOFT_NOTICE_INTERVAL_SECONDS)))) {
            return;
        }
        Optional<Integer> application = handle.createQuery("SELECT id FROM application WHERE name = :name")
                .bind("name", senderApplication).mapTo(Integer.class).findOne();
        Optional<Integer> email = handle.createQuery("SELECT id FROM mode WHERE name = 'email'").mapTo(Integer.class).findOne();
        if (application.isEmpty() || email.isEmpty()) {
            return;
        }
        List<Long> recipients = recipients(handle, row.applicationId(), quota.targetId());
        String subject = "[" + senderApplication + "] Application " + row.applicationName() + " exceeding message quota";
        String body = "Hi,\n\nApplication %s is sending more than its soft quota of %d messages per %d seconds. Messages still go out, "
                + "but above the hard quota of %d messages per %d seconds they will be dropped.\n\nThe Iris sender";
        body = body.formatted(row.applicationName(), quota.softQuotaThreshold(), quota.softQuotaDuration(),
                quota.hardQuotaThreshold(), quota.hardQuotaDuration());
        for (long user : recipients) {
            handle.createUpdate("""
                            INSERT INTO message (created, application_id, target_id, mode_id, subject, body, active, `status`, next_attempt_at)
                            VALUES (:now, :application, :target, :mode, :subject, :body, 1, 'queued', :now)""")
                    .bind("now", now).bind("application", application.get()).bind("target", user).bind("mode", email.get())
                    .bind("subject", subject).bind("body", body).execute();
        }
        handle.createUpdate("UPDATE quota_state SET last_soft_notice_at = :now WHERE application_id = :application")
                .bind("now", now).bind("application", row.applicationId()).execute();
    }

    private List<Long> recipients(Handle handle, int applicationId, Long targetId)
    {
        if (targetId != null) {
            Optional<Map.Entry<String, String>> target = handle.createQuery("""
                            SELECT t.name, tt.name AS type FROM target t JOIN target_type tt ON tt.id = t.type_id WHERE t.id = :id""")
                    .bind("id", targetId)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .findOne();
            if (target.isPresent()) {
                List<String> names = roles.resolve(target.get().getValue(), target.get().getKey()).usernames();
                if (!names.isEmpty()) {
                    return handle.createQuery("""
                                    SELECT t.id FROM target t JOIN `user` u ON u.target_id = t.id
                                    WHERE t.name IN (<names>) AND t.active = 1""")
                            .bindList("names", names)
                            .mapTo(Long.class).list();
                }
            }
        }
        return handle.createQuery("""
                        SELECT o.user_id FROM application_owner o JOIN target t ON t.id = o.user_id
                        WHERE o.application_id = :application AND t.active = 1""")
                .bind("application", applicationId)
                .mapTo(Long.class).list();
    }
}
