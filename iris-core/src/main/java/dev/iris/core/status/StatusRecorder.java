package dev.iris.core.status;

import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Writes what the status page must remember, a few seconds after it happens:
 * <ul>
 *   <li>each change of a component's shown state (the history bars), with an email to the
 *       subscribers;</li>
 *   <li>one reminder per incident that turned a component red by itself and has no public update
 *       after {@link StatusSettings#reminderAfter()}, to its owner or else its plan's creator.</li>
 * </ul>
 * Every API node runs it. A state change is written by a compare-and-set on the component row and
 * a reminder by an insert into a table keyed by the incident, both in the transaction that
 * queues the emails, so whichever node gets there first records it and the others see it done.
 */
public final class StatusRecorder
{
    private static final Logger log = LoggerFactory.getLogger(StatusRecorder.class);

    private final Jdbi jdbi;
    private final StatusBoard board;
    private final StatusSettings settings;
    private final StatusNotices notices;

    @Inject
    public StatusRecorder(Jdbi jdbi, StatusBoard board, StatusSettings settings)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.board = requireNonNull(board, "board is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.notices = new StatusNotices(settings);
    }

    public record Pass(List<String> changes, List<Long> reminded) {}

    public Pass recordOnce(Instant now)
    {
        List<ComputedState> states = board.current(now);
        List<String> changes = new ArrayList<>();
        for (ComputedState state : states) {
            if (record(state, now)) {
                changes.add(state.component().name() + " " + state.shown().code());
            }
        }
        return new Pass(changes, remind(states, now));
    }

    private boolean record(ComputedState state, Instant now)
    {
        ComponentDefinition component = state.component();
        return jdbi.inTransaction(handle -> {
            StatusDao dao = handle.attach(StatusDao.class);
            String recorded = dao.component(component.id()).map(StatusDao.ComponentRow::recordedState).orElse(null);
            String shown = state.shown().code();
            if (recorded == null || recorded.equals(shown) || dao.recordState(component.id(), recorded, shown, now) == 0) {
                return false;
            }
            dao.insertStateChange(component.id(), now, shown);
            String was = ComponentState.parse(recorded).map(ComponentState::label).orElse(recorded);
            notices.toSubscribers(handle, now, "[%s] %s: %s".formatted(settings.pageTitle(), component.name(), state.shown().label()),
                    "%s is now: %s (was: %s).%s".formatted(component.name(), state.shown().label(), was,
                            state.override().map(o -> "\n\n" + o.reason()).orElse("")));
            log.info("Status of {} changed from {} to {}", component.name(), recorded, shown);
            return true;
        });
    }

    private List<Long> remind(List<ComputedState> states, Instant now)
    {
        if (settings.reminderAfter().isZero()) {
            return List.of();
        }
        List<Long> incidents = states.stream()
                .filter(state -> state.override().isEmpty() && state.automatic() != ComponentState.OPERATIONAL)
                .flatMap(state -> state.incidentIds().stream())
                .distinct()
                .toList();
        if (incidents.isEmpty()) {
            return List.of();
        }
        List<Long> reminded = new ArrayList<>();
        Instant createdBefore = now.minus(settings.reminderAfter());
        for (StatusDao.ReminderCandidate candidate : jdbi.withExtension(StatusDao.class, dao -> dao.reminderCandidates(incidents, createdBefore))) {
            boolean sent = jdbi.inTransaction(handle -> {
                StatusDao dao = handle.attach(StatusDao.class);
                if (dao.insertReminder(candidate.incidentId(), now) == 0) {
                    return false;
                }
                long user = candidate.ownerId() != null ? candidate.ownerId() : candidate.planCreatorId();
                long minutes = Duration.between(createdBefore, now).toMinutes();
                notices.toUser(handle, now, user, "Incident %d: please post a public status update".formatted(candidate.incidentId()), """
                        Incident %d has turned the public status page red for more than %d minutes, and the page says nothing
                        about it yet. Please post a public update (what the public may read: what is affected, what you are doing)
                        from the incident's page: %s/incidents/%d/public-updates
                        """.formatted(candidate.incidentId(), minutes, settings.publicUrl(), candidate.incidentId()));
                return true;
            });
            if (sent) {
                reminded.add(candidate.incidentId());
            }
        }
        return reminded;
    }
}
