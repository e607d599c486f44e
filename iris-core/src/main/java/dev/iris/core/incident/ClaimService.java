package dev.iris.core.incident;

import dev.iris.common.http.IrisException;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Claims, unclaims and resolves incidents: the single implementation every claim path uses (API,
 * SMS/call/email/Slack replies, the UI).
 *
 * <p>A claim commits, in one transaction: the incident inactive with its owner; its queued
 * messages cancelled and every message inactive; its escalation work removed; a 'claimed' event.
 * Because the sender re-checks the incident under lock before it starts sending a message,
 * nothing starts sending after a claim commits. An unclaim makes the incident active again and
 * schedules escalation now, to resume where it stood.
 *
 * <p>A resolve stops paging exactly as a claim does (Iris only sets a flag and keeps paging);
 * unresolving an incident nobody owns resumes its escalation where it stood, as an unclaim does.
 */
public final class ClaimService
{
    private final Jdbi jdbi;

    @Inject
    public ClaimService(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /**
     * Claims the incident for {@code owner}, or unclaims it when {@code owner} is null.
     *
     * @throws IrisException 400 {@code Invalid claim: no matching incident id} or
     *         {@code Invalid claim: no matching owner} (Iris's texts)
     */
    public ClaimResult claim(long incidentId, String owner)
    {
        return jdbi.inTransaction(handle -> {
            IncidentDao dao = handle.attach(IncidentDao.class);
            if (dao.lockIncident(incidentId).isEmpty()) {
                throw noMatchingIncident();
            }
            if (owner == null) {
                unclaim(dao, incidentId, null);
                return new ClaimResult(incidentId, null, true);
            }
            long ownerId = dao.findActiveUserId(owner).orElseThrow(ClaimService::noMatchingOwner);
            claim(dao, incidentId, ownerId, owner);
            return new ClaimResult(incidentId, owner, false);
        });
    }

    /**
     * Claims (or, with a null owner, unclaims) every listed incident in one transaction; all ids
     * must exist.
     */
    public BulkClaimResult claimAll(List<Long> incidentIds, String owner)
    {
        Set<Long> ids = new LinkedHashSet<>(requireNonNull(incidentIds, "incidentIds is null"));
        return jdbi.inTransaction(handle -> {
            IncidentDao dao = handle.attach(IncidentDao.class);
            // Lock in id order so two bulk claims cannot deadlock each other.
            List<Long> sorted = ids.stream().sorted().toList();
            for (long id : sorted) {
                if (dao.lockIncident(id).isEmpty()) {
                    throw noMatchingIncident();
                }
            }
            List<Long> claimed = new ArrayList<>();
            List<Long> unclaimed = new ArrayList<>();
            if (owner == null) {
                for (long id : ids) {
                    unclaim(dao, id, null);
                    unclaimed.add(id);
                }
                return new BulkClaimResult(null, claimed, unclaimed);
            }
            long ownerId = dao.findActiveUserId(owner).orElseThrow(ClaimService::noMatchingOwner);
            for (long id : ids) {
                claim(dao, id, ownerId, owner);
                claimed.add(id);
            }
            return new BulkClaimResult(owner, claimed, unclaimed);
        });
    }

    /**
     * Marks the incident resolved, which stops its paging, or unresolved, which resumes the
     * escalation of an incident nobody owns.
     */
    public void resolve(long incidentId, boolean resolved, String actor)
    {
        jdbi.useTransaction(handle -> {
            IncidentDao dao = handle.attach(IncidentDao.class);
            if (dao.lockIncident(incidentId).isEmpty()) {
                throw noMatchingIncident();
            }
            if (resolved) {
                dao.resolveAndStopPaging(incidentId);
            }
            else {
                dao.markResolved(incidentId, false);
                if (dao.findOwnerId(incidentId).isEmpty()) {
                    dao.markActive(incidentId, true);
                    dao.scheduleEscalationNow(incidentId);
                }
            }
            dao.insertEvent(incidentId, resolved ? "resolved" : "unresolved", actor, "");
        });
    }

    /**
     * Resolves every listed incident in one transaction (all must exist), stopping their paging as
     * {@link #resolve} does.
     */
    public void resolveAll(List<Long> incidentIds, String actor)
    {
        List<Long> sorted = new LinkedHashSet<>(requireNonNull(incidentIds, "incidentIds is null")).stream().sorted().toList();
        jdbi.useTransaction(handle -> {
            IncidentDao dao = handle.attach(IncidentDao.class);
            // Lock in id order, as claimAll does, so concurrent bulk actions cannot deadlock.
            for (long id : sorted) {
                if (dao.lockIncident(id).isEmpty()) {
                    throw noMatchingIncident();
                }
            }
            for (long id : sorted) {
                dao.resolveAndStopPaging(id);
                dao.insertEvent(id, "resolved", actor, "");
            }
        });
    }

    /**
     * Resolves the open incident of {@code application} carrying {@code dedupKey}, if there is one
     * (an alert source reporting that the alert cleared); returns its id.
     */
    public Optional<Long> resolveByDedupKey(String application, String dedupKey, String actor)
    {
        requireNonNull(application, "application is null");
        requireNonNull(dedupKey, "dedupKey is null");
        return jdbi.inTransaction(handle -> {
            IncidentDao dao = handle.attach(IncidentDao.class);
            Optional<Long> incident = dao.findApplicationId(application).flatMap(applicationId -> dao.findOpenByDedupKey(applicationId, dedupKey));
            incident.ifPresent(id -> {
                dao.resolveAndStopPaging(id);
                dao.insertEvent(id, "resolved", actor, "Resolved by dedup_key " + dedupKey);
            });
            return incident;
        });
    }

    private static void claim(IncidentDao dao, long incidentId, long ownerId, String owner)
    {
        dao.markClaimed(incidentId, ownerId);
        dao.stopPaging(incidentId);
        dao.insertEvent(incidentId, "claimed", owner, "");
    }

    private static void unclaim(IncidentDao dao, long incidentId, String actor)
    {
        dao.markUnclaimed(incidentId);
        dao.scheduleEscalationNow(incidentId);
        dao.insertEvent(incidentId, "unclaimed", actor, "");
    }

    private static IrisException noMatchingIncident()
    {
        return IrisException.badRequest("Invalid claim: no matching incident id");
    }

    private static IrisException noMatchingOwner()
    {
        return IrisException.badRequest("Invalid claim: no matching owner");
    }
}
