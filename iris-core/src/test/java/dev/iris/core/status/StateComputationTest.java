package dev.iris.core.status;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.iris.core.status.ComponentState.DEGRADED_PERFORMANCE;
import static dev.iris.core.status.ComponentState.MAJOR_OUTAGE;
import static dev.iris.core.status.ComponentState.OPERATIONAL;
import static dev.iris.core.status.ComponentState.PARTIAL_OUTAGE;
import static org.assertj.core.api.Assertions.assertThat;

final class StateComputationTest
{
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final StateComputation COMPUTATION = new StateComputation(Duration.ofMinutes(2));

    private static final ComponentDefinition VOICE = new ComponentDefinition(1, "Voice API", "", 0,
            List.of(new Feed(FeedKind.LABEL, "service=voice"), new Feed(FeedKind.HEARTBEAT, "voice-cron")));
    private static final ComponentDefinition LOGIN = new ComponentDefinition(2, "Login", "", 1,
            List.of(new Feed(FeedKind.APPLICATION, "login-app"), new Feed(FeedKind.DEDUP_PREFIX, "grafana:login")));
    private static final ComponentDefinition BILLING = new ComponentDefinition(3, "Billing", "", 2,
            List.of(new Feed(FeedKind.PLAN, "billing-oncall")));

    @Test
    void everythingIsOperationalWithoutIncidents()
    {
        assertThat(shown(List.of(), Map.of())).containsExactly(OPERATIONAL, OPERATIONAL, OPERATIONAL);
    }

    @Test
    void alertSeverityLabelDecidesTheImpactOfWebhookIncidents()
    {
        ImpactingIncident critical = incident(1, "alerts", "plan", "alertmanager:{}", """
                {"status": "firing", "commonLabels": {"service": "voice", "severity": "critical"}, "alerts": []}""", "low", null);
        ImpactingIncident warning = incident(2, "alerts", "plan", "alertmanager:x", """
                {"alerts": [{"labels": {"service": "voice", "severity": "warning"}}]}""", "urgent", null);
        assertThat(shown(List.of(warning), Map.of())).containsExactly(DEGRADED_PERFORMANCE, OPERATIONAL, OPERATIONAL);
        assertThat(shown(List.of(warning, critical), Map.of())).containsExactly(MAJOR_OUTAGE, OPERATIONAL, OPERATIONAL);
    }

    @Test
    void planPriorityDecidesWithoutSeverity()
    {
        assertThat(shown(List.of(incident(3, "login-app", "p", null, "{\"title\": \"x\"}", "high", null)), Map.of()))
                .containsExactly(OPERATIONAL, PARTIAL_OUTAGE, OPERATIONAL);
        assertThat(shown(List.of(incident(4, "x", "billing-oncall", null, "{}", "urgent", null)), Map.of()))
                .containsExactly(OPERATIONAL, OPERATIONAL, MAJOR_OUTAGE);
        assertThat(shown(List.of(incident(5, "x", "billing-oncall", null, "{}", "medium", null)), Map.of()))
                .containsExactly(OPERATIONAL, OPERATIONAL, DEGRADED_PERFORMANCE);
    }

    @Test
    void dedupPrefixAndHeartbeatFeeds()
    {
        assertThat(shown(List.of(incident(6, "x", "p", "grafana:login-errors", "{}", "urgent", null)), Map.of()))
                .containsExactly(OPERATIONAL, MAJOR_OUTAGE, OPERATIONAL);
        assertThat(shown(List.of(incident(7, "x", "p", "heartbeat:voice-cron", "{}", "high", null)), Map.of()))
                .containsExactly(PARTIAL_OUTAGE, OPERATIONAL, OPERATIONAL);
        assertThat(shown(List.of(incident(8, "x", "p", "heartbeat:voice-cron-2", "{}", "high", null)), Map.of()))
                .containsExactly(OPERATIONAL, OPERATIONAL, OPERATIONAL);
    }

    @Test
    void holdDownKeepsAResolvedIncidentCountingSoAFlappingAlertDoesNotFlicker()
    {
        ImpactingIncident justResolved = incident(9, "login-app", "p", null, "{}", "urgent", NOW.minusSeconds(60));
        ImpactingIncident longResolved = incident(10, "login-app", "p", null, "{}", "urgent", NOW.minusSeconds(121));
        assertThat(shown(List.of(justResolved), Map.of())).containsExactly(OPERATIONAL, MAJOR_OUTAGE, OPERATIONAL);
        assertThat(shown(List.of(longResolved), Map.of())).containsExactly(OPERATIONAL, OPERATIONAL, OPERATIONAL);
    }

    @Test
    void overrideWinsUntilItLapsesAndTheAutomaticStateStaysKnown()
    {
        ImpactingIncident open = incident(11, "login-app", "p", null, "{}", "urgent", null);
        ComponentOverride fixed = new ComponentOverride(2, DEGRADED_PERFORMANCE, "Recovering", "alice", NOW.minusSeconds(10), null);
        List<ComputedState> states = COMPUTATION.compute(List.of(VOICE, LOGIN, BILLING), List.of(open), Map.of(2, fixed), NOW);
        assertThat(states.get(1).shown()).isEqualTo(DEGRADED_PERFORMANCE);
        assertThat(states.get(1).automatic()).isEqualTo(MAJOR_OUTAGE);
        assertThat(states.get(1).incidentIds()).containsExactly(11L);

        ComponentOverride lapsed = new ComponentOverride(2, OPERATIONAL, "All fine", "alice", NOW.minusSeconds(100), NOW.minusSeconds(1));
        assertThat(shown(List.of(open), Map.of(2, lapsed))).containsExactly(OPERATIONAL, MAJOR_OUTAGE, OPERATIONAL);
        ComponentOverride red = new ComponentOverride(3, MAJOR_OUTAGE, "Bank down", "alice", NOW.minusSeconds(100), NOW.plusSeconds(60));
        assertThat(shown(List.of(), Map.of(3, red))).containsExactly(OPERATIONAL, OPERATIONAL, MAJOR_OUTAGE);
    }

    @Test
    void severityWords()
    {
        assertThat(ComponentState.ofSeverity("CRITICAL")).isEqualTo(MAJOR_OUTAGE);
        assertThat(ComponentState.ofSeverity("error")).isEqualTo(PARTIAL_OUTAGE);
        assertThat(ComponentState.ofSeverity("warning")).isEqualTo(DEGRADED_PERFORMANCE);
        assertThat(ComponentState.ofSeverity("banana")).isEqualTo(DEGRADED_PERFORMANCE);
        assertThat(IncidentLabels.fromContext("not json").severity()).isEmpty();
    }

    private static List<ComponentState> shown(List<ImpactingIncident> incidents, Map<Integer, ComponentOverride> overrides)
    {
        return COMPUTATION.compute(List.of(VOICE, LOGIN, BILLING), incidents, overrides, NOW).stream().map(ComputedState::shown).toList();
    }

    private static ImpactingIncident incident(long id, String application, String plan, String dedupKey, String context, String priority,
            Instant resolvedAt)
    {
        return new ImpactingIncident(id, application, plan, dedupKey, IncidentLabels.fromContext(context), priority,
                NOW.minusSeconds(600), resolvedAt);
    }
}
