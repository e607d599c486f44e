package dev.iris.faults;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.faults.harness.LoadResult;
import dev.iris.faults.harness.Scenario;
import dev.iris.faults.harness.Tenant;
import dev.iris.testing.fakes.FakeWebhookReceiver.Delivery;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Claims at random moments of the escalation, and the two ways a claim can fail to stop paging.
 *
 * <p>A delivery "starts after the claim" when the receiver saw it more than
 * {@link #IN_FLIGHT_ALLOWANCE} after the claim's response reached the client. The allowance is
 * for a vendor call that the dispatcher began before the claim committed (docs/sender.md: a call
 * already in flight completes) and that reaches the receiver a moment later on a loaded machine;
 * the next round of a plan that keeps paging comes seconds later and is caught. The database
 * gives a second view: no message of a claimed incident may be created (escalated) after the
 * claim's response, by which time the claim has committed. (Not after the claim's timeline
 * event: that is written when the claim starts, and a claim may then wait for an escalation
 * pass holding the incident, whose messages the claim cancels.) A small allowance covers the
 * sender's estimate of the database clock.
 */
final class Claims
{
    static final Duration IN_FLIGHT_ALLOWANCE = Duration.ofMillis(500);
    private static final Duration CLOCK_ALLOWANCE = Duration.ofMillis(250);

    private Claims() {}

    record Claimed(long incidentId, Instant answered, int status, String body) {}

    record Violations(List<String> lateDeliveries, List<String> messagesAfterClaim)
    {
        String summary()
        {
            return lateDeliveries.size() + " deliveries after a claim's response, " + messagesAfterClaim.size() + " messages created after a claim";
        }
    }

    /**
     * Claims each incident as its plan's first user, 1 to 10 s (seeded at random) after it was
     * created, while its plan is still paging, and returns every claim's answer.
     */
    static List<Claimed> claimDuringEscalation(Tenant tenant, List<LoadResult.Created> incidents, long seed)
            throws Exception
    {
        Random random = new Random(seed);
        IrisTestClient client = tenant.client();
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);
        try {
            List<ScheduledFuture<Claimed>> claims = new ArrayList<>();
            for (LoadResult.Created incident : incidents) {
                Instant at = incident.answered().plusMillis(1000 + random.nextInt(9000));
                long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis());
                claims.add(pool.schedule(() -> claim(client, tenant.user(0), incident.incidentId()), delay, TimeUnit.MILLISECONDS));
            }
            List<Claimed> answered = new ArrayList<>();
            for (ScheduledFuture<Claimed> claim : claims) {
                answered.add(claim.get(2, TimeUnit.MINUTES));
            }
            return answered;
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static Claimed claim(IrisTestClient client, String owner, long incidentId)
    {
        try {
            IrisTestClient.Response response = client.post("/v0/incidents/" + incidentId, Map.of("owner", owner));
            return new Claimed(incidentId, Instant.now(), response.status(), response.body());
        }
        catch (UncheckedIOException e) {
            return new Claimed(incidentId, Instant.now(), -1, String.valueOf(e.getCause()));
        }
    }

    static Violations violations(Scenario scenario, List<Claimed> claims)
    {
        Map<Long, Claimed> byIncident = new HashMap<>();
        claims.stream().filter(claim -> claim.status() == 200).forEach(claim -> byIncident.put(claim.incidentId(), claim));
        List<String> late = new ArrayList<>();
        for (Delivery delivery : scenario.receiver().deliveries()) {
            Claimed claim = delivery.incidentId() == null ? null : byIncident.get(delivery.incidentId());
            if (claim != null && delivery.arrived().isAfter(claim.answered().plus(IN_FLIGHT_ALLOWANCE))) {
                late.add("message " + delivery.messageId() + " of incident " + delivery.incidentId() + " arrived "
                        + Duration.between(claim.answered(), delivery.arrived()).toMillis() + " ms after the claim's response");
            }
        }
        // The database's clock, against which message.created is written, measured against ours.
        long databaseAhead = scenario.deployment().jdbi().withHandle(handle -> handle.createQuery("SELECT ROUND(UNIX_TIMESTAMP(NOW(3)) * 1000)")
                .mapTo(Long.class).one()) - System.currentTimeMillis();
        List<String> afterClaim = new ArrayList<>();
        scenario.deployment().jdbi().useHandle(handle -> handle.createQuery("""
                        SELECT id, incident_id, ROUND(UNIX_TIMESTAMP(created) * 1000) AS created_millis
                        FROM message WHERE application_id = :app""")
                .bind("app", scenario.tenant().applicationId())
                .map((rs, ctx) -> {
                    Claimed claim = byIncident.get(rs.getLong("incident_id"));
                    Instant created = Instant.ofEpochMilli(rs.getLong("created_millis") - databaseAhead);
                    if (claim != null && created.isAfter(claim.answered().plus(CLOCK_ALLOWANCE))) {
                        afterClaim.add("message " + rs.getLong("id") + " of incident " + claim.incidentId() + " created "
                                + Duration.between(claim.answered(), created).toMillis() + " ms after the claim's response");
                    }
                    return created;
                })
                .list());
        return new Violations(late, afterClaim);
    }
}
