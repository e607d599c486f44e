package dev.iris.core.message;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.common.http.IrisException;
import dev.iris.core.target.RoleMembers;
import dev.iris.core.template.JinjaTemplates;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Out-of-band notifications ({@code POST /v0/notifications}). Iris hands these to its sender over
 * RPC and keeps nothing; here they are validated with Iris's error texts and written as durable
 * queued message rows, one per user, which the sender delivers like any other message.
 *
 * <p>A {@code target_list} (email only) is one message to several people: one row whose
 * destination is the first address and whose {@code recipients} column lists the To and Bcc
 * addresses ({@link EmailRecipients}); the sender sends it as one email.
 */
public final class NotificationService
{
    private static final String REJECTED = "Request rejected by sender";
    private static final String LITERAL_TARGET = "literal_target";
    private static final int MAX_SUBJECT_LENGTH = 255;
    private static final int MAX_DESTINATION_LENGTH = 255;

    private final Jdbi jdbi;
    private final ObjectMapper objectMapper;
    private final JinjaTemplates jinja;

    @Inject
    public NotificationService(Jdbi jdbi, ObjectMapper objectMapper, JinjaTemplates jinja)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
        this.jinja = requireNonNull(jinja, "jinja is null");
    }

    /**
     * Validates the notification and queues its messages; returns how many were queued.
     */
    public int send(String application, JsonNode message)
    {
        requireNonNull(application, "application is null");
        return jdbi.inTransaction(handle -> {
            long applicationId = handle.createQuery("SELECT id FROM application WHERE name = :name")
                    .bind("name", application).mapTo(Long.class).findOne()
                    .orElseThrow(() -> IrisException.badRequest("Invalid application"));
            Request request = validate(handle, applicationId, message);
            List<Recipient> recipients = request.targetList() == null ? recipients(handle, request) : multiRecipient(handle, request);
            if (recipients.isEmpty()) {
                throw IrisException.badRequest(REJECTED, "INVALID role:target");
            }
            String subject = truncate("[" + application + "] " + request.subject());
            Optional<Map<Long, Content>> template = request.template() == null
                    ? Optional.empty()
                    : Optional.of(templateContent(handle, request.template(), applicationId));
            for (Recipient recipient : recipients) {
                String body = request.body();
                if (template.isPresent()) {
                    long modeId = recipient.modeId() != null ? recipient.modeId() : contactMode(handle, request, applicationId, recipient.targetId());
                    Content content = template.get().getOrDefault(modeId, template.get().values().iterator().next());
                    JinjaTemplates.Rendered rendered = jinja.render(content.body(), request.context());
                    if (rendered.error().isPresent()) {
                        throw IrisException.badRequest(REJECTED, "INVALID context: " + rendered.error().get());
                    }
                    body = rendered.output();
                }
                handle.createUpdate("""
                                INSERT INTO message (created, application_id, target_id, destination, mode_id, priority_id, category_id,
                                                     subject, body, recipients, active, `status`, next_attempt_at)
                                VALUES (NOW(3), :applicationId, :targetId, :destination, :modeId, :priorityId, :categoryId,
                                        :subject, :body, :recipients, 1, 'queued', NOW(3))""")
                        .bind("applicationId", applicationId)
                        .bind("targetId", recipient.targetId())
                        .bind("destination", recipient.destination())
                        .bind("modeId", recipient.modeId())
                        .bind("priorityId", request.priorityId())
                        .bind("categoryId", request.categoryId())
                        .bind("subject", subject)
                        .bind("body", body)
                        .bind("recipients", recipient.emailRecipients() == null ? null : recipient.emailRecipients().toJson())
                        .execute();
            }
            return recipients.size();
        });
    }

    private Request validate(Handle handle, long applicationId, JsonNode message)
    {
        Set<String> missing = new TreeSet<>(Set.of("target", "role", "subject"));
        message.fieldNames().forEachRemaining(missing::remove);
        JsonNode targetList = message.get("target_list");
        if (!missing.isEmpty()) {
            if (targetList == null) {
                throw IrisException.badRequest("Missing required atrributes", String.join(", ", missing));
            }
            if (missing.contains("subject")) {
                throw IrisException.badRequest("Missing required atrributes: subject");
            }
        }
        if (targetList != null) {
            if (!targetList.isArray()) {
                throw IrisException.badRequest("Malformed target list");
            }
            for (JsonNode entry : targetList) {
                if (!entry.isObject() || !entry.has("role") || !entry.has("target")) {
                    throw IrisException.badRequest("Malformed target list");
                }
            }
        }

        Long priorityId = null;
        Long modeId = null;
        Long categoryId = null;
        Long categoryModeId = null;
        String role = null;
        if (targetList != null) {
            if (!message.has("mode")) {
                throw IrisException.badRequest("Contact mode required for target list");
            }
            String mode = message.get("mode").asText();
            modeId = id(handle, "SELECT id FROM mode WHERE name = :name", mode).orElse(null);
            if (modeId == null || !mode.equals("email")) {
                throw IrisException.badRequest("Invalid mode", mode);
            }
        }
        else {
            if (message.has("priority")) {
                String priority = message.get("priority").asText();
                priorityId = id(handle, "SELECT id FROM priority WHERE name = :name", priority)
                        .orElseThrow(() -> IrisException.badRequest("Invalid priority", priority));
            }
            else if (message.has("mode")) {
                String mode = message.get("mode").asText();
                modeId = id(handle, "SELECT id FROM mode WHERE name = :name", mode)
                        .orElseThrow(() -> IrisException.badRequest("Invalid mode", mode));
            }
            else if (message.has("category")) {
                String category = message.get("category").asText();
                Category found = handle.createQuery("SELECT id, mode_id FROM notification_category WHERE application_id = :application AND name = :name")
                        .bind("application", applicationId).bind("name", category)
                        .map((resultSet, context) -> new Category(resultSet.getLong("id"), resultSet.getLong("mode_id")))
                        .findOne()
                        .orElseThrow(() -> IrisException.badRequest("No category named " + category + " exists for this app"));
                categoryId = found.id();
                categoryModeId = found.modeId();
            }
            else {
                throw IrisException.badRequest("Priority, mode, and category are missing, at least one is required");
            }
            role = message.path("role").asText("");
            if (role.equals(LITERAL_TARGET)) {
                if (!message.has("mode")) {
                    throw IrisException.badRequest("INVALID mode not set for literal_target role");
                }
                if (message.has("priority") || message.has("category")) {
                    throw IrisException.badRequest("INVALID role literal_target does not support priority or category");
                }
            }
        }

        String template = null;
        String body;
        if (message.has("template")) {
            if (!message.get("template").isTextual()) {
                throw IrisException.badRequest("template needs to be a string");
            }
            template = message.get("template").asText();
            body = "";
        }
        else if (message.has("body")) {
            if (!message.get("body").isTextual()) {
                throw IrisException.badRequest("body needs to be a string");
            }
            body = message.get("body").asText();
        }
        else if (message.has("email_html")) {
            if (!message.get("email_html").isTextual()) {
                throw IrisException.badRequest("email_html needs to be a string");
            }
            body = "";
        }
        else {
            throw IrisException.badRequest("body, template, and email_html are missing, so we cannot construct message.");
        }

        JsonNode contextNode = message.get("context");
        if (template != null && contextNode != null && !contextNode.isNull() && !contextNode.isObject()) {
            throw IrisException.badRequest(REJECTED, "INVALID context");
        }
        Map<String, Object> context = new LinkedHashMap<>();
        if (contextNode != null && contextNode.isObject()) {
            context.putAll(objectMapper.convertValue(contextNode, new TypeReference<Map<String, Object>>() {}));
        }
        context.putIfAbsent("iris", new LinkedHashMap<>());

        String target = null;
        if (targetList == null) {
            if (role.isEmpty()) {
                throw IrisException.badRequest(REJECTED, "INVALID role");
            }
            target = message.path("target").asText("");
            if (target.isEmpty()) {
                throw IrisException.badRequest(REJECTED, "INVALID target");
            }
        }
        String subject = message.get("subject").isNull() ? "" : message.get("subject").asText(message.get("subject").toString());
        return new Request(role, target, targetList, subject, body, template, context, priorityId, modeId, categoryId, categoryModeId);
    }

    private static List<Recipient> recipients(Handle handle, Request request)
    {
        List<Recipient> recipients = new ArrayList<>();
        if (request.targetList() == null) {
            if (request.role().equals(LITERAL_TARGET)) {
                if (request.target().length() > MAX_DESTINATION_LENGTH) {
                    throw IrisException.badRequest(REJECTED, "INVALID target");
                }
                recipients.add(new Recipient(null, request.target(), request.modeId()));
            }
            else {
                RoleMembers.ids(handle, request.role(), request.target())
                        .forEach(user -> recipients.add(new Recipient(user, null, request.modeId())));
            }
            return recipients;
        }
        return recipients;
    }

    /**
     * A target list becomes one email: best effort, entries (and users without an email address)
     * that do not resolve are left out; none at all is an empty list.
     */
    private static List<Recipient> multiRecipient(Handle handle, Request request)
    {
        List<String> to = new ArrayList<>();
        List<String> bcc = new ArrayList<>();
        for (JsonNode entry : request.targetList()) {
            String role = entry.get("role").asText();
            String target = entry.get("target").asText();
            List<String> addresses = new ArrayList<>();
            if (role.equals(LITERAL_TARGET)) {
                if (!target.isEmpty() && target.length() <= MAX_DESTINATION_LENGTH) {
                    addresses.add(target);
                }
            }
            else {
                for (long user : RoleMembers.ids(handle, role, target)) {
                    handle.createQuery("""
                                    SELECT c.destination FROM target_contact c JOIN mode m ON m.id = c.mode_id
                                    WHERE c.target_id = :user AND m.name = 'email' AND c.disabled = 0""")
                            .bind("user", user)
                            .mapTo(String.class)
                            .findFirst()
                            .ifPresent(addresses::add);
                }
            }
            (entry.path("bcc").asBoolean(false) ? bcc : to).addAll(addresses);
        }
        EmailRecipients recipients = EmailRecipients.of(to, bcc);
        if (recipients.isEmpty()) {
            return List.of();
        }
        return List.of(new Recipient(null, recipients.destination(), request.modeId(), recipients));
    }

    private static Map<Long, Content> templateContent(Handle handle, String template, long applicationId)
    {
        Map<Long, Content> contents = new LinkedHashMap<>();
        handle.createQuery("""
                        SELECT c.mode_id, c.subject, c.body FROM template_active ta
                        JOIN template_content c ON c.template_id = ta.template_id
                        WHERE ta.name = :name AND c.application_id = :application ORDER BY c.mode_id""")
                .bind("name", template).bind("application", applicationId)
                .map((resultSet, context) -> contents.put(resultSet.getLong("mode_id"), new Content(resultSet.getString("subject"), resultSet.getString("body"))))
                .list();
        if (contents.isEmpty()) {
            throw IrisException.badRequest(REJECTED, "INVALID template");
        }
        return contents;
    }

    /**
     * The mode the sender will most likely pick for this user, to choose which template content to
     * render: Iris's priority resolution order, or the category's override and default.
     */
    private static long contactMode(Handle handle, Request request, long applicationId, Long userId)
    {
        if (request.categoryId() != null) {
            return handle.createQuery("""
                            SELECT COALESCE((SELECT mode_id FROM category_override WHERE user_id = :user AND category_id = :category), :default)""")
                    .bind("user", userId).bind("category", request.categoryId()).bind("default", request.categoryModeId())
                    .mapTo(Long.class).one();
        }
        return handle.createQuery("""
                        SELECT COALESCE(
                            (SELECT mode_id FROM target_application_mode WHERE target_id = :user AND application_id = :application AND priority_id = :priority),
                            (SELECT mode_id FROM default_application_mode WHERE application_id = :application AND priority_id = :priority),
                            (SELECT mode_id FROM target_mode WHERE target_id = :user AND priority_id = :priority),
                            (SELECT mode_id FROM priority WHERE id = :priority))""")
                .bind("user", userId).bind("application", applicationId).bind("priority", request.priorityId())
                .mapTo(Long.class).one();
    }

    private static Optional<Long> id(Handle handle, String sql, String name)
    {
        return handle.createQuery(sql).bind("name", name).mapTo(Long.class).findOne();
    }

    private static String truncate(String subject)
    {
        if (subject.codePointCount(0, subject.length()) <= MAX_SUBJECT_LENGTH) {
            return subject;
        }
        return subject.substring(0, subject.offsetByCodePoints(0, MAX_SUBJECT_LENGTH));
    }

    private record Request(String role, String target, JsonNode targetList, String subject, String body, String template,
            Map<String, Object> context, Long priorityId, Long modeId, Long categoryId, Long categoryModeId) {}

    /**
     * @param emailRecipients every address of a multi-recipient email, or null
     */
    private record Recipient(Long targetId, String destination, Long modeId, EmailRecipients emailRecipients)
    {
        Recipient(Long targetId, String destination, Long modeId)
        {
            this(targetId, destination, modeId, null);
        }
    }

    private record Content(String subject, String body) {}

    private record Category(long id, long modeId) {}
}
