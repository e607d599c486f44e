package dev.iris.core.status;

import jakarta.inject.Inject;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Reads components, feeds, overrides and incidents and computes the states
 * ({@link StateComputation}); builds the public view ({@link PublicStatus}).
 */
public final class StatusBoard
{
    public static final int HISTORY_DAYS = 90;
    private static final Duration PAST_INCIDENTS = Duration.ofDays(14);
    private static final int MAX_PUBLIC_INCIDENTS = 50;

    private final Jdbi jdbi;
    private final StatusSettings settings;
    private final StateComputation computation;

    @Inject
    public StatusBoard(Jdbi jdbi, StatusSettings settings)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.computation = new StateComputation(settings.holdDown());
    }

    public List<ComputedState> current(Instant now)
    {
        return jdbi.withHandle(handle -> current(handle, now));
    }

    public List<ComputedState> current(Handle handle, Instant now)
    {
        StatusDao dao = handle.attach(StatusDao.class);
        List<ComponentDefinition> definitions = definitions(dao);
        return computation.compute(definitions, impactingIncidents(dao, FeedSelection.of(definitions), now), overrides(dao), now);
    }

    /**
     * The incidents that may colour a component: only those its feeds can match.
     */
    private List<ImpactingIncident> impactingIncidents(StatusDao dao, FeedSelection selection, Instant now)
    {
        if (selection.readsNothing()) {
            return List.of();
        }
        Instant oldest = now.minus(settings.maxIncidentAge());
        Instant resolvedSince = now.minus(settings.holdDown());
        List<StatusDao.IncidentRow> rows = selection.readsEveryIncident()
                ? dao.impactingIncidents(oldest, resolvedSince)
                : dao.impactingIncidentsOf(oldest, resolvedSince, selection.applications(), selection.plans(), selection.dedupKeys());
        return rows.stream().map(row -> impacting(row, selection.needsLabels())).toList();
    }

    public List<ComponentDefinition> definitions(StatusDao dao)
    {
        Map<Integer, List<Feed>> feeds = new HashMap<>();
        for (StatusDao.FeedRow row : dao.feeds()) {
            FeedKind.parse(row.kind()).ifPresent(kind -> feeds.computeIfAbsent(row.componentId(), id -> new ArrayList<>()).add(new Feed(kind, row.value())));
        }
        return dao.components().stream()
                .map(row -> new ComponentDefinition(row.id(), row.name(), row.description(), row.displayOrder(), feeds.getOrDefault(row.id(), List.of())))
                .toList();
    }

    static Map<Integer, ComponentOverride> overrides(StatusDao dao)
    {
        Map<Integer, ComponentOverride> overrides = new HashMap<>();
        for (StatusDao.OverrideRow row : dao.overrides()) {
            ComponentState.parse(row.state()).ifPresent(state ->
                    overrides.put(row.componentId(), new ComponentOverride(row.componentId(), state, row.reason(), row.author(), row.created(), row.until())));
        }
        return overrides;
    }

    static ImpactingIncident impacting(StatusDao.IncidentRow row)
    {
        return impacting(row, true);
    }

    private static ImpactingIncident impacting(StatusDao.IncidentRow row, boolean withLabels)
    {
        Instant resolvedAt = row.resolved() ? Optional.ofNullable(row.resolvedAt()).orElse(row.created()) : null;
        IncidentLabels labels = withLabels ? IncidentLabels.fromContext(row.context()) : IncidentLabels.NONE;
        return new ImpactingIncident(row.id(), row.application(), row.plan(), row.dedupKey(), labels, row.priority(), row.created(), resolvedAt);
    }

    /**
     * The public view at {@code now}.
     */
    public PublicStatus publicStatus(Instant now)
    {
        return jdbi.inTransaction(handle -> {
            StatusDao dao = handle.attach(StatusDao.class);
            List<ComputedState> states = current(handle, now);
            Map<Integer, List<UptimeHistory.Change>> changes = new HashMap<>();
            for (StatusDao.StateChangeRow row : dao.stateChanges(now.minus(Duration.ofDays(HISTORY_DAYS + 1)))) {
                ComponentState.parse(row.state()).ifPresent(state ->
                        changes.computeIfAbsent(row.componentId(), id -> new ArrayList<>()).add(new UptimeHistory.Change(row.changed(), state)));
            }
            List<PublicStatus.Component> components = new ArrayList<>();
            for (ComputedState state : states) {
                ComponentDefinition component = state.component();
                List<UptimeHistory.Change> history = new ArrayList<>(changes.getOrDefault(component.id(), List.of()));
                // Today's bar shows the live state even before the recorder has written it.
                history.add(new UptimeHistory.Change(now, state.shown()));
                components.add(new PublicStatus.Component(component.id(), component.name(), component.description(), component.displayOrder(),
                        state.shown(), state.override().map(ComponentOverride::reason).orElse(null),
                        UptimeHistory.days(history, now, HISTORY_DAYS)));
            }
            return new PublicStatus(settings.pageTitle(), now, components, incidents(handle, dao, now, states));
        });
    }

    private List<PublicStatus.Incident> incidents(Handle handle, StatusDao dao, Instant now, List<ComputedState> states)
    {
        List<StatusDao.StatusIncidentRow> rows = dao.statusIncidents(now.minus(PAST_INCIDENTS), MAX_PUBLIC_INCIDENTS);
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(StatusDao.StatusIncidentRow::incidentId).toList();
        Map<Long, List<PublicStatus.Update>> updates = new LinkedHashMap<>();
        for (StatusDao.UpdateRow row : dao.updates(ids)) {
            updates.computeIfAbsent(row.incidentId(), id -> new ArrayList<>()).add(new PublicStatus.Update(row.id(), row.status(), row.body(), row.created()));
        }
        Map<Long, ImpactingIncident> incidents = new HashMap<>();
        dao.incidents(ids).forEach(row -> incidents.put(row.id(), impacting(row)));
        List<ComponentDefinition> definitions = states.stream().map(ComputedState::component).toList();
        List<PublicStatus.Incident> result = new ArrayList<>();
        for (StatusDao.StatusIncidentRow row : rows) {
            List<PublicStatus.Update> own = updates.getOrDefault(row.incidentId(), List.of());
            ImpactingIncident incident = incidents.get(row.incidentId());
            List<String> names = incident == null ? List.of()
                    : definitions.stream().filter(definition -> definition.feeds(incident)).map(ComponentDefinition::name).toList();
            String status = own.isEmpty() ? "investigating" : own.get(0).status();
            Instant updated = own.isEmpty() ? row.created() : own.get(0).created();
            Instant resolved = row.resolved() ? row.resolvedAt() : null;
            result.add(new PublicStatus.Incident(row.incidentId(), row.title(), status,
                    incident == null ? ComponentState.OPERATIONAL : incident.impact(), row.created(), updated,
                    resolved != null || "resolved".equals(status) ? Optional.ofNullable(resolved).orElse(updated) : null, names, own));
        }
        return result;
    }

    /**
     * The components {@code incidentId} feeds (for the admin pages).
     */
    public List<String> componentsOf(long incidentId)
    {
        return jdbi.withHandle(handle -> {
            StatusDao dao = handle.attach(StatusDao.class);
            Collection<StatusDao.IncidentRow> rows = dao.incidents(List.of(incidentId));
            if (rows.isEmpty()) {
                return List.of();
            }
            ImpactingIncident incident = impacting(rows.iterator().next());
            return definitions(dao).stream().filter(definition -> definition.feeds(incident)).map(ComponentDefinition::name).toList();
        });
    }
}
