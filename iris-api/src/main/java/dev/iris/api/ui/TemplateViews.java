package dev.iris.api.ui;

import java.util.List;
import java.util.Map;

/**
 * The template pages' views.
 */
public final class TemplateViews
{
    private TemplateViews() {}

    /**
     * {@code /templates}.
     */
    public static final class ListView
            extends PageView
    {
        private final String query;
        private final List<Map<String, Object>> templates;

        public ListView(PageContext context, String query, List<Map<String, Object>> templates)
        {
            super("templates.ftlh", context, "Templates");
            this.query = query;
            this.templates = templates;
        }

        public String getQuery()
        {
            return query;
        }

        public List<Map<String, Object>> getTemplates()
        {
            return templates;
        }
    }

    /**
     * One template version with its editor (publishing makes a new version).
     */
    public static final class EditorView
            extends PageView
    {
        private final TemplateDraft draft;
        private final Map<String, Object> template;
        private final List<Map<String, Object>> versions;
        private final List<String> applications;
        private final List<String> modes;
        private final String message;
        private final String error;

        public EditorView(PageContext context, TemplateDraft draft, Map<String, Object> template, List<Map<String, Object>> versions,
                List<String> applications, List<String> modes, String message, String error)
        {
            super("template.ftlh", context, draft.name().isEmpty() ? "New template" : "Template " + draft.name());
            this.draft = draft;
            this.template = template;
            this.versions = versions;
            this.applications = applications;
            this.modes = modes;
            this.message = message;
            this.error = error;
        }

        public TemplateDraft getDraft()
        {
            return draft;
        }

        /**
         * The stored version shown, or null for a new template.
         */
        public Map<String, Object> getTemplate()
        {
            return template;
        }

        public List<Map<String, Object>> getVersions()
        {
            return versions;
        }

        public List<String> getApplications()
        {
            return applications;
        }

        public List<String> getModes()
        {
            return modes;
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
     * The live preview fragment: the rendered subject and body, or the errors with line numbers.
     */
    public static final class PreviewView
            extends PageView
    {
        private final String subject;
        private final String body;
        private final List<String> errors;

        public PreviewView(PageContext context, String subject, String body, List<String> errors)
        {
            super("template-preview.ftlh", context, "Preview");
            this.subject = subject;
            this.body = body;
            this.errors = errors;
        }

        public String getSubject()
        {
            return subject;
        }

        public String getBody()
        {
            return body;
        }

        public List<String> getErrors()
        {
            return errors;
        }
    }
}
