package dev.iris.api.ui;

import java.util.List;
import java.util.Map;

/**
 * The plan pages' views: the list, one version, the editor and the YAML import.
 */
public final class PlanViews
{
    private PlanViews() {}

    /**
     * {@code /plans}: a searchable list.
     */
    public static final class ListView
            extends PageView
    {
        private final String query;
        private final boolean all;
        private final List<Map<String, Object>> plans;

        public ListView(PageContext context, String query, boolean all, List<Map<String, Object>> plans)
        {
            super("plans.ftlh", context, "Plans");
            this.query = query;
            this.all = all;
            this.plans = plans;
        }

        public String getQuery()
        {
            return query;
        }

        public boolean isAll()
        {
            return all;
        }

        public List<Map<String, Object>> getPlans()
        {
            return plans;
        }
    }

    /**
     * {@code /plans/{id|name}}: one version, its steps, the other versions and the YAML.
     */
    public static final class PlanView
            extends PageView
    {
        private final Map<String, Object> plan;
        private final List<Map<String, Object>> versions;
        private final String yaml;
        private final List<String> applications;
        private final String message;
        private final String error;

        private final Map<String, Integer> versionNumbers;
        private final SimulationForm simulation;

        public PlanView(PageContext context, Map<String, Object> plan, List<Map<String, Object>> versions, Map<String, Integer> versionNumbers,
                String yaml, List<String> applications, SimulationForm simulation, String message, String error)
        {
            super("plan.ftlh", context, "Plan " + plan.get("name"));
            this.plan = plan;
            this.versions = versions;
            this.versionNumbers = versionNumbers;
            this.yaml = yaml;
            this.applications = applications;
            this.simulation = simulation;
            this.message = message;
            this.error = error;
        }

        /**
         * Version numbers per plan name (1, 2, 3), keyed by the version's id as text.
         */
        public Map<String, Integer> getVersionNumbers()
        {
            return versionNumbers;
        }

        public SimulationForm getSimulation()
        {
            return simulation;
        }

        public Map<String, Object> getPlan()
        {
            return plan;
        }

        public List<Map<String, Object>> getVersions()
        {
            return versions;
        }

        public String getYaml()
        {
            return yaml;
        }

        public List<String> getApplications()
        {
            return applications;
        }

        public String getMessage()
        {
            return message;
        }

        public String getError()
        {
            return error;
        }
    }

    /**
     * The editor: a draft, the choices for its selects, and the last error.
     */
    public static final class EditorView
            extends PageView
    {
        private final PlanDraft draft;
        private final List<String> roles;
        private final List<String> priorities;
        private final List<String> templates;
        private final String error;

        private final boolean creating;
        private final SimulationForm simulation;

        public EditorView(PageContext context, PlanDraft draft, boolean creating, List<String> roles, List<String> priorities, List<String> templates,
                SimulationForm simulation, String error)
        {
            super("plan-editor.ftlh", context, draft.name().isEmpty() ? "New plan" : "Edit plan " + draft.name());
            this.creating = creating;
            this.simulation = simulation;
            this.draft = draft;
            this.roles = roles;
            this.priorities = priorities;
            this.templates = templates;
            this.error = error;
        }

        public PlanDraft getDraft()
        {
            return draft;
        }

        /**
         * A new plan (its name must be free), not a new version of an existing one.
         */
        public boolean isCreating()
        {
            return creating;
        }

        public SimulationForm getSimulation()
        {
            return simulation;
        }

        public List<String> getRoles()
        {
            return roles;
        }

        public List<String> getPriorities()
        {
            return priorities;
        }

        public List<String> getTemplates()
        {
            return templates;
        }

        public String getError()
        {
            return error;
        }
    }

    /**
     * {@code /plans/import}: paste or upload YAML.
     */
    public static final class ImportView
            extends PageView
    {
        private final String yaml;
        private final String error;
        private final List<String> diff;

        public ImportView(PageContext context, String yaml, String error)
        {
            this(context, yaml, error, List.of());
        }

        /**
         * The import waiting for confirmation, with its diff against the active version.
         */
        public ImportView(PageContext context, String yaml, String error, List<String> diff)
        {
            super("plan-import.ftlh", context, "Import a plan");
            this.yaml = yaml;
            this.error = error;
            this.diff = List.copyOf(diff);
        }

        public List<String> getDiff()
        {
            return diff;
        }

        public String getYaml()
        {
            return yaml;
        }

        public String getError()
        {
            return error;
        }
    }
}
