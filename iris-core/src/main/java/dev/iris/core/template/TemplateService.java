package dev.iris.core.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.common.http.IrisException;
import dev.iris.core.query.ColumnType;
import dev.iris.core.query.SearchColumn;
import dev.iris.core.query.SearchFilter;
import dev.iris.core.query.SearchParameters;
import dev.iris.core.query.SearchQuery;
import dev.iris.core.request.Names;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Message templates: immutable versions with an active version per name, holding a subject and
 * body (Jinja) per application and mode.
 */
public final class TemplateService
{
    private static final String FROM = """
            template JOIN target creator ON creator.id = template.user_id
            LEFT JOIN template_active ON template_active.template_id = template.id""";

    private static final List<SearchColumn> COLUMNS = List.of(
            new SearchColumn("id", "template.id", ColumnType.INTEGER),
            new SearchColumn("name", "template.name", ColumnType.STRING),
            new SearchColumn("creator", "creator.name", ColumnType.STRING),
            new SearchColumn("created", "template.created", ColumnType.TIMESTAMP),
            new SearchColumn("active", "template_active.template_id IS NOT NULL", ColumnType.FLAG));

    private static final List<SearchColumn> DETAIL_COLUMNS = SearchColumn.pick(COLUMNS, "id", "name", "active", "creator", "created");

    private static final List<SearchFilter> FILTERS = SearchFilter.onColumns(COLUMNS, "id", "name", "creator", "created");

    private final Jdbi jdbi;
    private final ObjectMapper objectMapper;
    private final JinjaTemplates jinja;

    @Inject
    public TemplateService(Jdbi jdbi, ObjectMapper objectMapper, JinjaTemplates jinja)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
        this.jinja = requireNonNull(jinja, "jinja is null");
    }

    /**
     * {@code GET /v0/templates}.
     */
    public List<Map<String, Object>> search(SearchParameters parameters)
    {
        Optional<Integer> limit = parameters.takeLimit();
        List<String> fields = parameters.takeList("fields");
        Optional<Boolean> active = parameters.takeFlag("active");
        SearchQuery query = new SearchQuery(FROM, SearchQuery.select(COLUMNS, fields));
        active.ifPresent(isActive -> query.wherePresent("template_active.template_id", isActive));
        query.addFilters(parameters.remaining(), FILTERS);
        query.limitNewestFirst(limit, "template.created DESC, template.id DESC", "template.id");
        return jdbi.withHandle(handle -> query.execute(handle, objectMapper));
    }

    /**
     * {@code GET /v0/templates/{id|name}}: digits are an id (any version), otherwise the active
     * version of the name; with its content and the active plans that use the name.
     */
    public Optional<Map<String, Object>> get(String idOrName)
    {
        return jdbi.withHandle(handle -> {
            SearchQuery query = new SearchQuery(FROM, DETAIL_COLUMNS);
            if (!idOrName.isEmpty() && idOrName.chars().allMatch(Character::isDigit)) {
                long id;
                try {
                    id = Long.parseLong(idOrName);
                }
                catch (NumberFormatException e) {
                    return Optional.empty();
                }
                query.where("template.id = " + query.bind(id));
            }
            else {
                query.where("template.name = " + query.bind(idOrName));
                query.where("template_active.template_id IS NOT NULL");
            }
            List<Map<String, Object>> rows = query.execute(handle, objectMapper);
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> template = rows.get(0);
            Map<String, Map<String, Map<String, String>>> content = new LinkedHashMap<>();
            handle.createQuery("""
                            SELECT a.name AS application, m.name AS mode, c.subject, c.body
                            FROM template_content c
                            JOIN application a ON a.id = c.application_id
                            JOIN mode m ON m.id = c.mode_id
                            WHERE c.template_id = :id ORDER BY a.name, m.name""")
                    .bind("id", template.get("id"))
                    .map((resultSet, context) -> {
                        Map<String, String> subjectAndBody = new LinkedHashMap<>();
                        subjectAndBody.put("subject", resultSet.getString("subject"));
                        subjectAndBody.put("body", resultSet.getString("body"));
                        content.computeIfAbsent(resultSet.getString("application"), application -> new LinkedHashMap<>())
                                .put(resultSet.getString("mode"), subjectAndBody);
                        return 0;
                    })
                    .list();
            template.put("content", content);
            template.put("plans", handle.createQuery("""
                            SELECT DISTINCT plan_active.plan_id AS id, plan_active.name AS name
                            FROM plan_notification JOIN plan_active ON plan_active.plan_id = plan_notification.plan_id
                            WHERE plan_notification.template = :name ORDER BY plan_active.plan_id""")
                    .bind("name", template.get("name"))
                    .map((resultSet, context) -> {
                        Map<String, Object> plan = new LinkedHashMap<>();
                        plan.put("id", resultSet.getLong("id"));
                        plan.put("name", resultSet.getString("name"));
                        return plan;
                    })
                    .list());
            return Optional.of(template);
        });
    }

    /**
     * {@code POST /v0/templates}: a new version, made active for its name. {@code mayActAs} is
     * Iris's acl_allowed for the creator.
     */
    public long create(JsonNode body, Predicate<String> mayActAs)
    {
        if (!body.has("content")) {
            throw IrisException.badRequest("content argument missing");
        }
        if (!body.has("name")) {
            throw IrisException.badRequest("name argument missing");
        }
        if (!body.has("creator")) {
            throw IrisException.badRequest("creator argument missing");
        }
        JsonNode nameNode = body.get("name");
        JsonNode creatorNode = body.get("creator");
        if (!nameNode.isTextual() || nameNode.asText().isBlank() || nameNode.asText().length() > 255) {
            throw IrisException.badRequest("Invalid template", "name must be a non-empty string of at most 255 characters");
        }
        if (!creatorNode.isTextual()) {
            throw IrisException.badRequest("Invalid template", "creator must be a string");
        }
        String name = Names.requirePrintable("A template name", nameNode.asText());
        String creator = creatorNode.asText();
        if (!mayActAs.test(creator)) {
            throw IrisException.unauthorized("Invalid plan creator for authenticated app/user", null);
        }
        List<Content> contents = contents(body.get("content"));
        return jdbi.inTransaction(handle -> {
            TemplateDao dao = handle.attach(TemplateDao.class);
            long userId = dao.findUserId(creator)
                    .orElseThrow(() -> IrisException.badRequest("Invalid template", "Template creator " + creator + " is not a user"));
            // Resolve every name before the first insert, so a bad one leaves nothing behind.
            List<Long> applicationIds = new ArrayList<>();
            List<Long> modeIds = new ArrayList<>();
            for (Content content : contents) {
                applicationIds.add(dao.findApplicationId(content.application())
                        .orElseThrow(() -> IrisException.badRequest("Invalid template", "Application " + content.application() + " not found")));
                modeIds.add(dao.findModeId(content.mode())
                        .orElseThrow(() -> IrisException.badRequest("Invalid template", "Mode " + content.mode() + " not found")));
            }
            long templateId = dao.insertTemplate(name, userId);
            for (int i = 0; i < contents.size(); i++) {
                dao.insertContent(templateId, applicationIds.get(i), modeIds.get(i), contents.get(i).subject(), contents.get(i).body());
            }
            dao.activate(templateId);
            return templateId;
        });
    }

    private List<Content> contents(JsonNode content)
    {
        IrisException malformed = IrisException.badRequest("Invalid template", "content must be {application: {mode: {subject, body}}}");
        if (!content.isObject()) {
            throw malformed;
        }
        List<Content> contents = new ArrayList<>();
        for (Map.Entry<String, JsonNode> application : content.properties()) {
            if (!application.getValue().isObject()) {
                throw malformed;
            }
            for (Map.Entry<String, JsonNode> mode : application.getValue().properties()) {
                JsonNode subject = mode.getValue().get("subject");
                JsonNode body = mode.getValue().get("body");
                if (!mode.getValue().isObject() || (subject != null && !subject.isNull() && !subject.isTextual()) || body == null || !body.isTextual()) {
                    throw malformed;
                }
                String subjectText = subject == null || subject.isNull() ? "" : subject.asText();
                if (subjectText.getBytes(StandardCharsets.UTF_8).length > 65_535) {
                    throw IrisException.badRequest("Invalid template", "subject is longer than 65535 bytes");
                }
                String where = application.getKey() + "/" + mode.getKey();
                checkSyntax(where + " subject", subjectText);
                checkSyntax(where + " body", body.asText());
                contents.add(new Content(application.getKey(), mode.getKey(), subjectText, body.asText()));
            }
        }
        return contents;
    }

    private void checkSyntax(String where, String template)
    {
        Optional<String> error = jinja.syntaxError(template);
        if (error.isPresent()) {
            throw IrisException.badRequest("Invalid jinja template", where + ": " + error.get());
        }
    }

    /**
     * {@code POST /v0/templates/{id}} with {@code {"active": 0|1}}.
     */
    public void setActive(long templateId, boolean active)
    {
        jdbi.useTransaction(handle -> {
            TemplateDao dao = handle.attach(TemplateDao.class);
            if (!dao.exists(templateId)) {
                throw IrisException.badRequest("No template matched", "No template with id " + templateId);
            }
            if (active) {
                dao.activate(templateId);
            }
            else {
                dao.deactivate(templateId);
            }
        });
    }

    private record Content(String application, String mode, String subject, String body) {}
}
