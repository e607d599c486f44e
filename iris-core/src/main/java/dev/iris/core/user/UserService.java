package dev.iris.core.user;

import dev.iris.common.http.IrisException;
import dev.iris.core.target.TargetDao;
import dev.iris.core.target.UserTarget;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * A user's settings: priority-to-mode choices (global and per application), time zone, the SMS
 * template override, reprioritization rules and notification category overrides.
 */
public final class UserService
{
    public static final String TIMEZONE_SETTING = "timezone";

    private final Jdbi jdbi;

    @Inject
    public UserService(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /**
     * The user by name, or by id when the value is all digits; 404 when there is none.
     */
    public UserDetails details(String nameOrId)
    {
        return find(nameOrId).orElseThrow(() -> userNotFound(nameOrId));
    }

    /**
     * The user by name, or by id when the value is all digits.
     */
    public Optional<UserDetails> find(String nameOrId)
    {
        return jdbi.inTransaction(handle -> {
            TargetDao targets = handle.attach(TargetDao.class);
            Optional<UserTarget> found = targets.findUserByNameOrId(nameOrId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            UserTarget user = found.get();
            UserDao users = handle.attach(UserDao.class);

            Map<String, UserDetails.CategoryOverrideSetting> categoryOverrides = new LinkedHashMap<>();
            // Iris keeps one entry per application (the last category wins); so do we.
            for (UserDetails.CategoryOverrideSetting setting : users.categoryOverrideSettings(user.id())) {
                categoryOverrides.put(setting.applicationName(), setting);
            }
            Map<String, Map<String, String>> perApplication = new LinkedHashMap<>();
            for (AppModeRow row : users.allApplicationModes(user.id())) {
                perApplication.computeIfAbsent(row.application(), ignored -> new LinkedHashMap<>()).put(row.priority(), row.mode());
            }
            return Optional.of(new UserDetails(
                    user.name(),
                    user.admin(),
                    users.templateOverrides(user.id()),
                    categoryOverrides,
                    users.globalModes(user.id()),
                    users.devices(user.id()),
                    perApplication,
                    users.teams(user.id()),
                    targets.contacts(user.id())));
        });
    }

    /**
     * {@code {priority: mode}} with {@code default} where the user chose nothing, globally or for
     * one application.
     */
    public Map<String, String> modes(String username, Optional<String> application)
    {
        return jdbi.inTransaction(handle -> {
            UserTarget user = requireUser(handle, username);
            UserDao users = handle.attach(UserDao.class);
            if (application.isPresent()) {
                long applicationId = requireApplication(users, application.get());
                return withDefaults(users, users.applicationModes(user.id(), applicationId));
            }
            return withDefaults(users, users.globalModes(user.id()));
        });
    }

    /**
     * Applies all the changes in one transaction and returns the resulting map: the
     * application's for the single-application form, the global one otherwise.
     */
    public Map<String, String> updateModes(String username, ModeUpdate update)
    {
        return jdbi.inTransaction(handle -> {
            UserTarget user = requireUser(handle, username);
            UserDao users = handle.attach(UserDao.class);
            Map<String, Integer> priorities = users.priorityIds();
            Map<String, Integer> modes = users.modeIds();

            if (update.application().isPresent()) {
                long applicationId = requireApplication(users, update.application().get());
                applyApplicationModes(users, user.id(), applicationId, update.modes(), priorities, modes);
                return withDefaults(users, users.applicationModes(user.id(), applicationId));
            }
            if (update.perApplication().isPresent()) {
                for (Map.Entry<String, Map<String, String>> entry : update.perApplication().get().entrySet()) {
                    long applicationId = requireApplication(users, entry.getKey());
                    applyApplicationModes(users, user.id(), applicationId, entry.getValue(), priorities, modes);
                }
                // In this form, keys that are not priority names are ignored, as Iris does.
                Map<String, String> global = new LinkedHashMap<>(update.modes());
                global.keySet().retainAll(priorities.keySet());
                applyGlobalModes(users, user.id(), global, priorities, modes);
            }
            else {
                applyGlobalModes(users, user.id(), update.modes(), priorities, modes);
            }
            return withDefaults(users, users.globalModes(user.id()));
        });
    }

    private static void applyGlobalModes(UserDao users, long userId, Map<String, String> changes, Map<String, Integer> priorities, Map<String, Integer> modes)
    {
        for (Map.Entry<String, String> change : changes.entrySet()) {
            int priorityId = priorityId(priorities, change.getKey());
            if (ModeUpdate.DEFAULT.equals(change.getValue())) {
                users.deleteGlobalMode(userId, priorityId);
            }
            else {
                users.setGlobalMode(userId, priorityId, modeId(modes, change.getValue()));
            }
        }
    }

    private static void applyApplicationModes(UserDao users, long userId, long applicationId, Map<String, String> changes,
            Map<String, Integer> priorities, Map<String, Integer> modes)
    {
        for (Map.Entry<String, String> change : changes.entrySet()) {
            int priorityId = priorityId(priorities, change.getKey());
            if (ModeUpdate.DEFAULT.equals(change.getValue())) {
                users.deleteApplicationMode(userId, applicationId, priorityId);
            }
            else {
                users.setApplicationMode(userId, applicationId, priorityId, modeId(modes, change.getValue()));
            }
        }
    }

    public Map<String, String> settings(String username)
    {
        return jdbi.inTransaction(handle -> handle.attach(UserDao.class).settings(requireUser(handle, username).id()));
    }

    public void setTimezone(String username, String timezone)
    {
        jdbi.useTransaction(handle -> handle.attach(UserDao.class).setSetting(requireUser(handle, username).id(), TIMEZONE_SETTING, timezone));
    }

    /**
     * Opts the user in to (or out of) the fixed SMS body used for restricted countries.
     */
    public void setSmsTemplateOverride(String username, boolean enabled)
    {
        jdbi.useTransaction(handle -> {
            long userId = requireUser(handle, username).id();
            UserDao users = handle.attach(UserDao.class);
            if (enabled) {
                users.addTemplateOverride(userId, "sms");
            }
            else {
                users.removeTemplateOverride(userId, "sms");
            }
        });
    }

    public List<ReprioritizationRule> reprioritizationRules(String username)
    {
        return jdbi.inTransaction(handle -> handle.attach(UserDao.class).reprioritizationRules(requireUser(handle, username).id()));
    }

    /**
     * Adds or replaces the user's rule for {@code srcMode}. Limits: count 1..255, duration
     * 60..3600 seconds; modes must exist (titles as Iris's).
     */
    public void setReprioritizationRule(String username, String srcMode, String dstMode, int count, int duration)
    {
        if (duration < 60) {
            throw IrisException.badRequest("Invalid duration", "duration must be greater than 1 minute");
        }
        if (duration > 3600) {
            throw IrisException.badRequest("Invalid duration", "duration must be at most 3600 seconds");
        }
        if (count <= 0) {
            throw IrisException.badRequest("Invalid count", "count must be greater than 0");
        }
        if (count > 255) {
            throw IrisException.badRequest("Invalid count", "count must be under 255");
        }
        jdbi.useTransaction(handle -> {
            UserTarget user = requireUser(handle, username);
            UserDao users = handle.attach(UserDao.class);
            Map<String, Integer> modes = users.modeIds();
            Integer srcModeId = modes.get(srcMode);
            if (srcModeId == null) {
                throw IrisException.badRequest("Invalid source mode.", "Invalid source mode.");
            }
            Integer dstModeId = modes.get(dstMode);
            if (dstModeId == null) {
                throw IrisException.badRequest("Invalid destination mode.", "Invalid destination mode.");
            }
            users.setReprioritizationRule(user.id(), srcModeId, dstModeId, count, duration);
        });
    }

    /**
     * Removes the user's rule for {@code srcMode}; 404 when there is none.
     */
    public void deleteReprioritizationRule(String username, String srcMode)
    {
        jdbi.useTransaction(handle -> {
            int deleted = handle.attach(UserDao.class).deleteReprioritizationRule(requireUser(handle, username).id(), srcMode);
            if (deleted == 0) {
                throw IrisException.notFound("Reprioritization rule not found", "User " + username + " has no rule for mode " + srcMode);
            }
        });
    }

    public List<CategoryOverride> categoryOverrides(String username, Optional<String> application)
    {
        return jdbi.inTransaction(handle -> handle.attach(UserDao.class)
                .categoryOverrides(requireUser(handle, username).id(), application.orElse(null)));
    }

    /**
     * Sets the user's mode per category of the application; an empty mode removes the override.
     */
    public void setCategoryOverrides(String username, String application, Map<String, Optional<String>> modeByCategory)
    {
        jdbi.useTransaction(handle -> {
            TargetDao targets = handle.attach(TargetDao.class);
            UserTarget user = targets.findUser(username).orElseThrow(() -> IrisException.badRequest("Invalid user specified"));
            UserDao users = handle.attach(UserDao.class);
            Map<String, Long> categories = users.categoryIds(application);
            Map<String, Integer> modes = users.modeIds();
            for (Map.Entry<String, Optional<String>> entry : modeByCategory.entrySet()) {
                Long categoryId = categories.get(entry.getKey());
                if (categoryId == null) {
                    throw IrisException.badRequest("Invalid category specified", "Application " + application + " has no category " + entry.getKey());
                }
                if (entry.getValue().isEmpty()) {
                    users.deleteCategoryOverride(user.id(), categoryId);
                    continue;
                }
                Integer modeId = modes.get(entry.getValue().get());
                if (modeId == null) {
                    throw IrisException.badRequest("Invalid mode specified", "Mode " + entry.getValue().get() + " does not exist");
                }
                users.setCategoryOverride(user.id(), categoryId, modeId);
            }
        });
    }

    public void deleteCategoryOverrides(String username, String application)
    {
        jdbi.useTransaction(handle -> handle.attach(UserDao.class).deleteCategoryOverrides(requireUser(handle, username).id(), application));
    }

    /**
     * Whether the user is a member of any of the mailing lists.
     */
    public boolean isMemberOfAny(String username, List<String> lists)
    {
        if (lists.isEmpty()) {
            return false;
        }
        return jdbi.withExtension(UserDao.class, users -> users.isMemberOfAny(username, lists));
    }

    private static Map<String, String> withDefaults(UserDao users, Map<String, String> chosen)
    {
        Map<String, String> result = new LinkedHashMap<>();
        for (String priority : users.priorityIds().keySet()) {
            result.put(priority, chosen.getOrDefault(priority, ModeUpdate.DEFAULT));
        }
        return result;
    }

    private static UserTarget requireUser(Handle handle, String username)
    {
        return handle.attach(TargetDao.class).findUser(username).orElseThrow(() -> userNotFound(username));
    }

    private static long requireApplication(UserDao users, String application)
    {
        return users.findApplicationId(application).orElseThrow(() -> IrisException.badRequest("Application " + application + " not found"));
    }

    private static int priorityId(Map<String, Integer> priorities, String priority)
    {
        Integer id = priorities.get(priority);
        if (id == null) {
            throw IrisException.badRequest("Invalid priority", "Priority " + priority + " does not exist; valid priorities are " + new TreeMap<>(priorities).keySet());
        }
        return id;
    }

    private static int modeId(Map<String, Integer> modes, String mode)
    {
        Integer id = modes.get(mode);
        if (id == null) {
            throw IrisException.badRequest("Invalid mode", "Mode " + mode + " does not exist");
        }
        return id;
    }

    private static IrisException userNotFound(String username)
    {
        return IrisException.notFound("User " + username + " not found", null);
    }
}
