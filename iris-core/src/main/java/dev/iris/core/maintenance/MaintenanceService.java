package dev.iris.core.maintenance;

import dev.iris.common.http.IrisException;
import dev.iris.core.incident.IncidentDao;
import dev.iris.core.request.Names;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Maintenance windows: opening (now or ahead), ending early, and applying their start and end to
 * incidents. Every change is written to the window's timeline and, for an incident it touches, to
 * the incident's.
 *
 * <p>How paging is kept quiet: an incident created inside a window gets no escalation work
 * ({@link #silenceNew}); a sender that picks up an incident checks the windows in effect under the
 * incident's lock and silences it instead of paging ({@link #silencedAmong}); a window with
 * {@code stop_paging} silences the incidents already paging when it starts, as a claim stops
 * them. When it ends, its silenced incidents still open resume escalation, or, with
 * {@code resume_at_end} off, are left unacknowledged. Starts and ends are applied by whichever
 * sender gets there first ({@code FOR UPDATE SKIP LOCKED} on the window), exactly once.
 */
public final class MaintenanceService
{
    /** GoAlert caps windows at 8 hours, a top complaint; ours may last a week. */
    static final Duration LONGEST = Duration.ofDays(7);

    private final Jdbi jdbi;
    private final Clock clock;

    @Inject
    public MaintenanceService(Jdbi jdbi, Clock clock)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * What a person asks for: an application or a plan, a start (null: now), an end, a reason.
     */
    public record Request(String application, String plan, Instant start, Instant end, String reason, boolean stopPaging, boolean resumeAtEnd) {}

    /**
     * Opens a window; when it starts now, its start is applied at once.
     *
     * @throws IrisException 400 for an unknown application or plan, both or neither, an end not
     *         after the start, a window longer than a week, or no reason
     */
    public long open(Request request, String creator)
    {
        requireNonNull(request, "request is null");
        requireNonNull(creator, "creator is null");
        Instant now = clock.instant();
        Instant start = request.start() == null || request.start().isBefore(now) ? now : request.start();
        if ((request.application() == null) == (request.plan() == null)) {
            throw IrisException.badRequest("Invalid maintenance window", "Name either an application or a plan");
        }
        if (request.end() == null || !request.end().isAfter(start)) {
            throw IrisException.badRequest("Invalid maintenance window", "The end must be after the start");
        }
        if (Duration.between(start, request.end()).compareTo(LONGEST) > 0) {
            throw IrisException.badRequest("Invalid maintenance window", "A window lasts at most " + LONGEST.toDays() + " days");
        }
        String reason = request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty()) {
            throw IrisException.badRequest("Invalid maintenance window", "Say why: the reason shows on every silenced incident");
        }
        if (reason.length() > 2000) {
            throw IrisException.badRequest("Invalid maintenance window", "The reason is longer than 2000 characters");
        }
        long id = jdbi.inTransaction(handle -> {
            MaintenanceDao dao = handle.attach(MaintenanceDao.class);
            Long applicationId = null;
            if (request.application() != null) {
                applicationId = dao.applicationId(request.application())
                        .orElseThrow(() -> IrisException.badRequest("Invalid maintenance window", "No application named " + request.application()));
            }
            else {
                Names.requirePrintable("A plan name", request.plan());
                if (!dao.planExists(request.plan())) {
                    throw IrisException.badRequest("Invalid maintenance window", "No plan named " + request.plan());
                }
            }
            long window = dao.insert(applicationId, request.plan(), start, request.end(), reason, creator, request.stopPaging(),
                    request.resumeAtEnd(), now);
            String scope = request.application() != null ? "application " + request.application() : "plan " + request.plan();
            dao.insertEvent(window, now, "created", creator, "For " + scope + " from " + start + " to " + request.end() + ": " + reason
                    + (request.stopPaging() ? "; stops incidents already paging" : "")
                    + (request.resumeAtEnd() ? "; silenced incidents resume escalation at the end" : "; silenced incidents are left unacknowledged at the end"));
            return window;
        });
        applyTransitions(now);
        return id;
    }

    /**
     * Ends a window now (or, if it has not started, cancels it) and applies the end at once.
     */
    public void end(long windowId, String actor)
    {
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            MaintenanceDao dao = handle.attach(MaintenanceDao.class);
            MaintenanceWindow window = dao.lock(windowId)
                    .orElseThrow(() -> IrisException.notFound("Maintenance window not found", "No maintenance window " + windowId));
            if (!window.endsAt().isAfter(now)) {
                throw IrisException.badRequest("Maintenance window already ended", "Window " + windowId + " ended at " + window.endsAt());
            }
            dao.setEnd(windowId, now);
            dao.insertEvent(windowId, now, "ended early", actor, now.isBefore(window.startsAt()) ? "Cancelled before it started" : "Ended before " + window.endsAt());
        });
        applyTransitions(now);
    }

    public Optional<MaintenanceWindow> find(long windowId)
    {
        return jdbi.withExtension(MaintenanceDao.class, dao -> dao.find(windowId));
    }

    public List<MaintenanceDao.Event> events(long windowId)
    {
        return jdbi.withExtension(MaintenanceDao.class, dao -> dao.events(windowId));
    }

    /**
     * Windows in effect or ahead (with {@code includeEnded}, also the last ended ones).
     */
    public List<MaintenanceWindow> list(boolean includeEnded)
    {
        Instant now = clock.instant();
        return jdbi.withExtension(MaintenanceDao.class, dao -> dao.list(includeEnded ? null : now, 200));
    }

    /**
     * For a new incident, in its creating transaction: silences it when a window covers its
     * application or plan now. Returns whether it did (the caller then schedules no escalation).
     */
    public static boolean silenceNew(Handle handle, long incidentId, long applicationId, long planId)
    {
        MaintenanceDao dao = handle.attach(MaintenanceDao.class);
        Optional<Long> window = dao.coveringNew(applicationId, planId);
        window.ifPresent(id -> {
            dao.markSilenced(incidentId, id);
            handle.attach(IncidentDao.class).insertEvent(incidentId, "silenced", null, "Created during maintenance window " + id + ": nobody is paged");
        });
        return window.isPresent();
    }

    /**
     * For a sender, on incidents it has locked: which ones a window in effect silences now
     * (incident id to window id).
     */
    public static Map<Long, Long> silencedAmong(Handle handle, List<Long> incidentIds, Instant now)
    {
        if (incidentIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Long> silenced = new java.util.HashMap<>();
        handle.attach(MaintenanceDao.class).silenced(incidentIds, now).forEach(row -> silenced.put(row.incidentId(), row.windowId()));
        return silenced;
    }

    /**
     * For a sender, on an incident it has locked: records that a window silenced it and stops its
     * paging (queued messages cancelled, escalation work removed) as a claim would.
     */
    public static void silence(Handle handle, long incidentId, long windowId, Instant now, String why)
    {
        handle.attach(MaintenanceDao.class).silence(incidentId, windowId, now);
        IncidentDao incidents = handle.attach(IncidentDao.class);
        incidents.stopPaging(incidentId);
        incidents.insertEvent(incidentId, "silenced", null, why);
    }

    /**
     * Applies the starts and ends that are due: run by the senders on every pass, and by the API
     * right after a change. Returns how many windows it handled.
     */
    public int applyTransitions(Instant now)
    {
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            MaintenanceDao dao = handle.attach(MaintenanceDao.class);
            List<Long> due = dao.claimTransitions(now);
            for (long windowId : due) {
                MaintenanceWindow window = dao.find(windowId).orElseThrow();
                if (!window.startedDone()) {
                    start(handle, dao, window, now);
                }
                if (!window.endsAt().isAfter(now)) {
                    end(handle, dao, window, now);
                }
            }
            return due.size();
        });
    }

    private static void start(Handle handle, MaintenanceDao dao, MaintenanceWindow window, Instant now)
    {
        int stopped = 0;
        if (window.stopPaging() && window.endsAt().isAfter(now)) {
            for (long incidentId : dao.lockPagingIncidents(window.id())) {
                silence(handle, incidentId, window.id(), now, "Maintenance window " + window.id() + " started: paging stopped (" + window.reason() + ")");
                stopped++;
            }
        }
        dao.markStarted(window.id());
        dao.insertEvent(window.id(), now, "started", null, window.stopPaging() ? "Stopped " + stopped + " incidents that were paging" : "New incidents are silenced");
    }

    private static void end(Handle handle, MaintenanceDao dao, MaintenanceWindow window, Instant now)
    {
        IncidentDao incidents = handle.attach(IncidentDao.class);
        List<Long> open = dao.lockSilencedIncidents(window.id());
        for (long incidentId : open) {
            dao.unsilence(incidentId, window.resumeAtEnd(), now);
            if (window.resumeAtEnd()) {
                incidents.scheduleEscalationNow(incidentId);
                incidents.insertEvent(incidentId, "unsilenced", null, "Maintenance window " + window.id() + " ended: escalation starts");
            }
            else {
                incidents.insertEvent(incidentId, "unsilenced", null, "Maintenance window " + window.id() + " ended: nobody was paged; the incident is unacknowledged");
            }
        }
        // Claimed or resolved ones keep no mark either.
        dao.releaseClosed(window.id());
        dao.markEnded(window.id());
        dao.insertEvent(window.id(), now, "ended", null, open.size() + (window.resumeAtEnd() ? " open incidents resume escalation" : " open incidents left unacknowledged"));
    }
}
