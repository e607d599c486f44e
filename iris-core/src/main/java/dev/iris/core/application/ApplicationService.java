package dev.iris.core.application;

import dev.iris.common.http.IrisException;
import dev.iris.core.auth.ApiKeys;
import dev.iris.core.plan.PlanSearch;
import dev.iris.core.request.Names;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Creates, changes and describes applications: settings, owners, modes, keys, quotas and
 * incident e-mail addresses. Every change runs in one transaction. Error texts are Iris's.
 */
public final class ApplicationService
{
    private static final Logger log = LoggerFactory.getLogger(ApplicationService.class);
    private static final Set<String> CUSTOM_SENDER_ADDRESS_MODES = Set.of("email");

    private final Jdbi jdbi;
    private final ApplicationCache applications;

    @Inject
    public ApplicationService(Jdbi jdbi, ApplicationCache applications)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.applications = requireNonNull(applications, "applications is null");
    }

    /**
     * Every application that is not {@code auth_only}, by name.
     */
    public List<ApplicationView> list()
    {
        return jdbi.inTransaction(handle -> {
            ApplicationDao dao = handle.attach(ApplicationDao.class);
            List<ApplicationRow> rows = dao.listVisible();
            return views(dao, rows);
        });
    }

    /**
     * One application; 400 {@code Application X not found} (Iris's status) when it does not exist
     * or is {@code auth_only}.
     */
    public ApplicationView get(String name)
    {
        return jdbi.inTransaction(handle -> {
            ApplicationDao dao = handle.attach(ApplicationDao.class);
            ApplicationRow row = dao.findVisible(name).orElseThrow(() -> notFound(name));
            return views(dao, List.of(row)).get(0);
        });
    }

    public Optional<Long> findId(String name)
    {
        return jdbi.withExtension(ApplicationDao.class, dao -> dao.findId(name));
    }

    public boolean exists(String name)
    {
        return findId(name).isPresent();
    }

    public boolean isOwner(String application, String username)
    {
        return jdbi.withExtension(ApplicationDao.class, dao -> dao.isOwner(application, username));
    }

    /**
     * Creates an application with a new key and every mode but {@code drop}; returns its id.
     */
    public long create(String name)
    {
        try {
            Names.requirePrintable("An application name", name);
            try {
                long id = SqlErrors.rejectingBadValues(() -> jdbi.inTransaction(handle -> {
                    ApplicationDao dao = handle.attach(ApplicationDao.class);
                    long applicationId = dao.insert(name, ApiKeys.generate());
                    dao.enableAllModesButDrop(applicationId);
                    return applicationId;
                }));
                log.info("Created application {} with id {}", name, id);
                return id;
            }
            catch (JdbiException e) {
                if (SqlErrors.isConstraintViolation(e)) {
                    throw IrisException.badRequest("This app already exists");
                }
                throw e;
            }
        }
        finally {
            // After the commit (or the failure): what this node authenticates with is never older.
            applications.invalidateAll();
        }
    }

    /**
     * Applies {@code PUT /v0/applications/{app}}. Only owners and admins may; only admins change
     * supported modes (others' are ignored, as in Iris); a non-admin owner stays an owner.
     */
    public void update(String name, Actor actor, ApplicationSettings settings)
    {
        try {
            SqlErrors.rejectingBadValues(() -> jdbi.useTransaction(handle -> {
                ApplicationDao dao = handle.attach(ApplicationDao.class);
                long applicationId = dao.findVisible(name).orElseThrow(() -> notFound(name)).id();
                // Concurrent updates of one application take turns instead of colliding on inserts.
                dao.lockByName(name);
                boolean owner = actor.username().map(username -> dao.isOwner(name, username)).orElse(false);
                if (!owner && !actor.admin()) {
                    throw IrisException.unauthorized("Only admins and app owners can change this app's settings.", null);
                }
                updateVariables(dao, applicationId, settings);
                if (settings.owners().isPresent()) {
                    Set<String> newOwners = new LinkedHashSet<>(settings.owners().get());
                    if (owner && !actor.admin()) {
                        newOwners.add(actor.username().orElseThrow());
                    }
                    updateOwners(dao, applicationId, newOwners);
                }
                if (settings.customSenderAddresses().isPresent()) {
                    updateCustomSenderAddresses(dao, applicationId, settings.customSenderAddresses().get());
                }
                Set<String> removedModes = Set.of();
                if (actor.admin() && settings.supportedModes().isPresent()) {
                    removedModes = updateSupportedModes(dao, applicationId, new LinkedHashSet<>(settings.supportedModes().get()));
                    log.info("User {} set the supported modes of application {} to {}", actor.username().orElse("(none)"), name, settings.supportedModes().get());
                }
                if (settings.defaultModes().isPresent()) {
                    updateDefaultModes(dao, applicationId, name, settings.defaultModes().get(), removedModes);
                }
                dao.updateTemplates(applicationId, settings.contextTemplate(), settings.summaryTemplate(), settings.mobileTemplate(), settings.sampleContext());
            }));
        }
        finally {
            // After the commit (or the failure): what this node authenticates with is never older.
            applications.invalidateAll();
        }
    }

    private static void updateOwners(ApplicationDao dao, long applicationId, Set<String> newOwners)
    {
        Set<String> existing = new HashSet<>(dao.owners(applicationId));
        for (String username : newOwners) {
            if (!existing.contains(username) && dao.addOwner(applicationId, username) == 0) {
                throw IrisException.badRequest("Invalid owner", "User " + username + " not found");
            }
        }
        for (String username : existing) {
            if (!newOwners.contains(username)) {
                dao.removeOwner(applicationId, username);
            }
        }
    }

    private static void updateCustomSenderAddresses(ApplicationDao dao, long applicationId, Map<String, Optional<String>> addresses)
    {
        for (Map.Entry<String, Optional<String>> address : addresses.entrySet()) {
            if (!CUSTOM_SENDER_ADDRESS_MODES.contains(address.getKey())) {
                throw IrisException.badRequest(address.getKey() + " does not support custom sender addresses");
            }
            if (address.getValue().isPresent()) {
                dao.setCustomSenderAddress(applicationId, address.getKey(), address.getValue().get());
            }
            else {
                dao.deleteCustomSenderAddress(applicationId, address.getKey());
            }
        }
    }

    /**
     * Makes the supported modes exactly {@code newModes}; returns the modes removed. Defaults
     * that used a removed mode go with it.
     */
    private static Set<String> updateSupportedModes(ApplicationDao dao, long applicationId, Set<String> newModes)
    {
        Map<String, Integer> modeIds = dao.modeIds();
        for (String mode : newModes) {
            if (!modeIds.containsKey(mode)) {
                throw IrisException.badRequest("Invalid mode", "Mode " + mode + " does not exist");
            }
        }
        List<String> existing = dao.supportedModes(applicationId);
        for (String mode : newModes) {
            if (!existing.contains(mode)) {
                dao.addSupportedMode(applicationId, modeIds.get(mode));
            }
        }
        Set<String> removed = new HashSet<>();
        for (String mode : existing) {
            if (!newModes.contains(mode)) {
                dao.removeSupportedMode(applicationId, modeIds.get(mode));
                dao.deleteDefaultModesUsing(applicationId, modeIds.get(mode));
                removed.add(mode);
            }
        }
        return removed;
    }

    /**
     * Makes the default modes exactly {@code newDefaults}, skipping (as Iris does) those that use
     * a mode the same request removed.
     */
    private static void updateDefaultModes(ApplicationDao dao, long applicationId, String name, Map<String, String> newDefaults, Set<String> removedModes)
    {
        Map<String, Integer> modeIds = dao.modeIds();
        Map<String, Integer> priorityIds = dao.priorityIds();
        Set<String> supported = new HashSet<>(dao.supportedModes(applicationId));
        for (Map.Entry<String, String> entry : newDefaults.entrySet()) {
            Integer priorityId = priorityIds.get(entry.getKey());
            if (priorityId == null) {
                throw IrisException.badRequest("Invalid priority", "Priority " + entry.getKey() + " does not exist");
            }
            if (removedModes.contains(entry.getValue())) {
                continue;
            }
            if (!supported.contains(entry.getValue())) {
                throw IrisException.badRequest("Invalid default mode", "Mode " + entry.getValue() + " is not supported by application " + name);
            }
            dao.setDefaultMode(applicationId, priorityId, modeIds.get(entry.getValue()));
        }
        for (String priority : dao.defaultModes(applicationId).keySet()) {
            if (!newDefaults.containsKey(priority)) {
                dao.deleteDefaultMode(applicationId, priorityIds.get(priority));
            }
        }
    }

    private static void updateVariables(ApplicationDao dao, long applicationId, ApplicationSettings settings)
    {
        Set<String> newVariables = new LinkedHashSet<>(settings.variables());
        newVariables.forEach(variable -> Names.requirePrintable("A template variable", variable));
        Optional<String> title = settings.titleVariable().filter(variable -> !variable.isEmpty());
        if (newVariables.isEmpty()) {
            title = Optional.empty();
        }
        else if (title.isPresent() && !newVariables.contains(title.get())) {
            throw IrisException.badRequest("title variable is invalid");
        }
        Set<String> existing = dao.variables(List.of(applicationId)).stream()
                .map(TemplateVariable::name)
                .collect(Collectors.toSet());
        for (String variable : newVariables) {
            if (!existing.contains(variable)) {
                dao.insertVariable(applicationId, variable);
            }
        }
        List<String> removed = existing.stream().filter(variable -> !newVariables.contains(variable)).toList();
        if (!removed.isEmpty()) {
            dao.deleteVariables(applicationId, removed);
        }
        dao.setTitleVariable(applicationId, title.orElse(null));
    }

    /**
     * Deletes the application; 400 when something (incidents, messages) still refers to it.
     */
    public void delete(String name)
    {
        try {
            int deleted;
            try {
                deleted = jdbi.inTransaction(handle -> handle.attach(ApplicationDao.class).delete(name));
            }
            catch (JdbiException e) {
                if (SqlErrors.isConstraintViolation(e)) {
                    throw IrisException.badRequest("Cannot remove app. It has likely already in use.");
                }
                throw e;
            }
            if (deleted == 0) {
                throw IrisException.badRequest("No rows changed; app name probably already deleted");
            }
            log.info("Deleted application {}", name);
        }
        finally {
            // After the commit (or the failure): what this node authenticates with is never older.
            applications.invalidateAll();
        }
    }

    public void rename(String oldName, String newName)
    {
        try {
            Names.requirePrintable("An application name", newName);
            int renamed;
            try {
                renamed = SqlErrors.rejectingBadValues(() -> jdbi.inTransaction(handle -> handle.attach(ApplicationDao.class).rename(oldName, newName)));
            }
            catch (JdbiException e) {
                if (SqlErrors.isConstraintViolation(e)) {
                    throw IrisException.badRequest("Destination app name likely already exists");
                }
                throw e;
            }
            if (renamed == 0) {
                throw IrisException.badRequest("No rows changed; old app name incorrect");
            }
            log.info("Renamed application {} to {}", oldName, newName);
        }
        finally {
            // After the commit (or the failure): what this node authenticates with is never older.
            applications.invalidateAll();
        }
    }

    // ---------------------------------------------------------------- keys

    public Optional<ApplicationKeys> keys(String name)
    {
        return jdbi.withExtension(ApplicationDao.class, dao -> dao.keys(name));
    }

    /**
     * Generates a secondary key when the application has none.
     */
    public void createSecondaryKey(String name)
    {
        try {
            int updated = jdbi.inTransaction(handle -> handle.attach(ApplicationDao.class).setSecondaryKeyIfAbsent(name, ApiKeys.generate()));
            if (updated == 0) {
                throw IrisException.badRequest("Secondary key already exists, or app name incorrect");
            }
            log.info("Created a secondary key for application {}", name);
        }
        finally {
            // After the commit (or the failure): what this node authenticates with is never older.
            applications.invalidateAll();
        }
    }

    /**
     * Promotes the secondary key to primary and clears the secondary.
     */
    public void rekey(String name)
    {
        try {
            int updated = jdbi.inTransaction(handle -> handle.attach(ApplicationDao.class).promoteSecondaryKey(name));
            if (updated == 0) {
                throw IrisException.badRequest("Re-key failed; secondary key does not exist or invalid app name");
            }
            log.info("Re-keyed application {}", name);
        }
        finally {
            // After the commit (or the failure): what this node authenticates with is never older.
            applications.invalidateAll();
        }
    }

    // ---------------------------------------------------------------- quota

    public Optional<ApplicationQuota> quota(String name)
    {
        return jdbi.withExtension(ApplicationDao.class, dao -> dao.quota(name));
    }

    /**
     * Sets the application's quota. The caller has checked the numbers; this checks the
     * references, in Iris's order.
     */
    public void setQuota(String name, Actor actor, QuotaSettings quota)
    {
        jdbi.useTransaction(handle -> {
            ApplicationDao dao = handle.attach(ApplicationDao.class);
            long applicationId = requireQuotaAccess(dao, name, actor);
            if (!dao.isActivePlan(quota.planName())) {
                throw IrisException.badRequest("No active ID found for that plan");
            }
            long targetId = dao.findAnyTargetId(quota.targetName())
                    .orElseThrow(() -> IrisException.badRequest("No ID found for that target"));
            dao.setQuota(applicationId, quota.hardQuotaThreshold(), quota.softQuotaThreshold(), quota.hardQuotaDuration(),
                    quota.softQuotaDuration(), quota.planName(), targetId, quota.waitTime());
        });
    }

    public void deleteQuota(String name, Actor actor)
    {
        jdbi.useTransaction(handle -> {
            ApplicationDao dao = handle.attach(ApplicationDao.class);
            dao.deleteQuota(requireQuotaAccess(dao, name, actor));
        });
    }

    private static long requireQuotaAccess(ApplicationDao dao, String name, Actor actor)
    {
        long applicationId = dao.findId(name).orElseThrow(() -> IrisException.badRequest("No ID found for that application"));
        boolean owner = actor.username().map(username -> dao.isOwner(name, username)).orElse(false);
        if (!owner && !actor.admin()) {
            throw IrisException.unauthorized("You don't have permissions to update this app's quota.", null);
        }
        return applicationId;
    }

    // ---------------------------------------------------------------- incident e-mail addresses

    public Map<String, String> incidentEmails(String name)
    {
        return jdbi.withExtension(ApplicationDao.class, dao -> new LinkedHashMap<>(dao.incidentEmails(name)));
    }

    /**
     * Replaces the application's address-to-plan map. An address may not be a user's e-mail
     * contact nor another application's; each plan must be active and have a template for the
     * application. An empty map removes them all.
     */
    public void setIncidentEmails(String name, Map<String, String> planByEmail)
    {
        SqlErrors.rejectingBadValues(() -> jdbi.useTransaction(handle -> {
            ApplicationDao dao = handle.attach(ApplicationDao.class);
            long applicationId = dao.lockByName(name).orElseThrow(() -> notFound(name));
            List<String> emails = new ArrayList<>(planByEmail.keySet());
            emails.forEach(email -> Names.requirePrintable("An incident email address", email));
            if (!emails.isEmpty()) {
                List<String> userEmails = dao.userContactEmails(emails);
                if (!userEmails.isEmpty()) {
                    throw IrisException.badRequest("These email addresses are also user's email addresses which is not allowed: "
                            + String.join(", ", userEmails));
                }
                List<String> taken = dao.emailsOfOtherApplications(applicationId, emails);
                if (!taken.isEmpty()) {
                    throw IrisException.badRequest("These email addresses are already in use by another app: " + String.join(", ", taken));
                }
                for (Map.Entry<String, String> entry : planByEmail.entrySet()) {
                    if (!dao.planHasTemplatesFor(entry.getValue(), applicationId)) {
                        throw IrisException.badRequest("Failed adding " + entry.getKey() + " -> " + entry.getValue()
                                + " combination. This plan does not have any templates which support this app.");
                    }
                }
            }
            dao.deleteIncidentEmails(applicationId);
            for (Map.Entry<String, String> entry : planByEmail.entrySet()) {
                try {
                    dao.insertIncidentEmail(applicationId, entry.getKey(), entry.getValue());
                }
                catch (JdbiException e) {
                    if (SqlErrors.isConstraintViolation(e)) {
                        throw IrisException.badRequest("These email addresses are already in use by another app: " + entry.getKey());
                    }
                    throw e;
                }
            }
        }));
    }

    // ---------------------------------------------------------------- plans

    /**
     * Active plans that can page for the application (see {@link PlanSearch#forApplication}).
     */
    public List<Map<String, Object>> plans(String name, List<String> fields, Map<String, List<String>> filters)
    {
        return jdbi.inTransaction(handle -> {
            long applicationId = handle.attach(ApplicationDao.class).findId(name).orElseThrow(() -> notFound(name));
            return PlanSearch.forApplication(applicationId, fields, filters).execute(handle);
        });
    }

    // ---------------------------------------------------------------- helpers

    private static List<ApplicationView> views(ApplicationDao dao, List<ApplicationRow> rows)
    {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<TemplateVariable>> variables = dao.variables(rows.stream().map(ApplicationRow::id).toList()).stream()
                .collect(Collectors.groupingBy(TemplateVariable::applicationId, LinkedHashMap::new, Collectors.toList()));
        List<ApplicationView> views = new ArrayList<>(rows.size());
        for (ApplicationRow row : rows) {
            List<TemplateVariable> own = variables.getOrDefault(row.id(), List.of());
            views.add(new ApplicationView(
                    row.name(),
                    row.contextTemplate(),
                    row.sampleContext(),
                    row.summaryTemplate(),
                    row.mobileTemplate(),
                    own.stream().map(TemplateVariable::name).toList(),
                    own.stream().filter(TemplateVariable::required).map(TemplateVariable::name).toList(),
                    own.stream().filter(TemplateVariable::titleVariable).map(TemplateVariable::name).findFirst().orElse(null),
                    dao.defaultModes(row.id()),
                    dao.supportedModes(row.id()),
                    dao.owners(row.id()),
                    dao.customSenderAddresses(row.id()),
                    dao.categories(row.id())));
        }
        return views;
    }

    private static IrisException notFound(String name)
    {
        return IrisException.badRequest("Application " + name + " not found");
    }
}
