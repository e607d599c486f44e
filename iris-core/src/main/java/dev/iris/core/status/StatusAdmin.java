package dev.iris.core.status;

import dev.iris.core.auth.ApiKeys;
import dev.iris.common.http.IrisException;
import dev.iris.core.request.Names;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The status page's writes: components and their feeds, overrides, public updates and email
 * subscriptions. Each validates its input with Iris's {@code {title, description}} 400s.
 */
public final class StatusAdmin
{
    public static final Set<String> UPDATE_STATUSES = new LinkedHashSet<>(List.of("investigating", "identified", "monitoring", "resolved"));
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_NAME = 255;
    private static final int MAX_TEXT = 1024;
    private static final int MAX_UPDATE = 5000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final StatusSettings settings;
    private final StatusNotices notices;

    @Inject
    public StatusAdmin(Jdbi jdbi, Clock clock, StatusSettings settings)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.notices = new StatusNotices(settings);
    }

    public record ComponentInput(String name, String description, int displayOrder, List<String> feeds) {}

    public int createComponent(ComponentInput input)
    {
        ComponentInput valid = validate(input);
        return uniqueName(() -> jdbi.inTransaction(handle -> {
            StatusDao dao = handle.attach(StatusDao.class);
            int id = dao.insertComponent(valid.name(), valid.description(), valid.displayOrder(), clock.instant());
            writeFeeds(dao, id, valid.feeds());
            return id;
        }));
    }

    public void updateComponent(int id, ComponentInput input)
    {
        ComponentInput valid = validate(input);
        uniqueName(() -> jdbi.inTransaction(handle -> {
            StatusDao dao = handle.attach(StatusDao.class);
            if (dao.lockComponent(id).isEmpty()) {
                throw noComponent(id);
            }
            dao.updateComponent(id, valid.name(), valid.description(), valid.displayOrder());
            dao.deleteFeeds(id);
            writeFeeds(dao, id, valid.feeds());
            return id;
        }));
    }

    public void deleteComponent(int id)
    {
        if (jdbi.withExtension(StatusDao.class, dao -> dao.deleteComponent(id)) == 0) {
            throw noComponent(id);
        }
    }

    /**
     * Sets a state by hand; {@code reason} is shown on the public page.
     */
    public void override(int componentId, String state, String reason, String username, Instant until)
    {
        ComponentState parsed = ComponentState.parse(state == null ? "" : state)
                .orElseThrow(() -> IrisException.badRequest("Invalid state", "state must be one of operational, degraded_performance, partial_outage, major_outage"));
        String text = requireText("reason", reason, MAX_TEXT);
        if (until != null && !until.isAfter(clock.instant())) {
            throw IrisException.badRequest("Invalid until", "until must be in the future");
        }
        jdbi.useTransaction(handle -> {
            StatusDao dao = handle.attach(StatusDao.class);
            if (dao.lockComponent(componentId).isEmpty()) {
                throw noComponent(componentId);
            }
            long user = dao.userId(username).orElseThrow(() -> IrisException.badRequest("Invalid user", username));
            dao.setOverride(componentId, parsed.code(), text, user, clock.instant(), until);
        });
    }

    public void clearOverride(int componentId)
    {
        jdbi.useExtension(StatusDao.class, dao -> {
            if (dao.component(componentId).isEmpty()) {
                throw noComponent(componentId);
            }
            dao.deleteOverride(componentId);
        });
    }

    /**
     * Posts a public update on an incident; the first one needs the public {@code title} (a later
     * title renames it). Subscribers get it by email.
     */
    public long postUpdate(long incidentId, String username, String status, String body, String title)
    {
        String normalized = status == null ? "" : status.strip().toLowerCase(Locale.ROOT);
        if (!UPDATE_STATUSES.contains(normalized)) {
            throw IrisException.badRequest("Invalid status", "status must be one of " + String.join(", ", UPDATE_STATUSES));
        }
        String text = requireText("text", body, MAX_UPDATE);
        String cleanTitle = title == null || title.isBlank() ? null : Names.requirePrintable("title", limit("title", title.strip(), MAX_NAME));
        return jdbi.inTransaction(handle -> {
            StatusDao dao = handle.attach(StatusDao.class);
            // The database's clock, as for the incident's own events (IncidentDao writes NOW(3)):
            // a postmortem's timeline sorts both together, so an API node's skewed clock must not
            // move an update before the page it answers or after the resolution.
            Instant now = dao.databaseNow();
            if (!dao.incidentExists(incidentId)) {
                throw IrisException.notFound("Incident not found", "No incident " + incidentId);
            }
            long user = dao.userId(username).orElseThrow(() -> IrisException.badRequest("Invalid user", username));
            if (dao.statusIncident(incidentId).isEmpty()) {
                if (cleanTitle == null) {
                    throw IrisException.badRequest("Missing title", "The first public update of an incident needs a public title");
                }
                dao.insertStatusIncident(incidentId, cleanTitle, now);
            }
            else if (cleanTitle != null) {
                dao.retitle(incidentId, cleanTitle);
            }
            long id = dao.insertUpdate(incidentId, now, normalized, text, user);
            String shownTitle = dao.statusIncident(incidentId).map(StatusDao.StatusIncidentRow::title).orElse("");
            notices.toSubscribers(handle, now, "[%s] %s: %s".formatted(settings.pageTitle(), capitalize(normalized), shownTitle),
                    "%s\n\n%s: %s".formatted(shownTitle, capitalize(normalized), text));
            return id;
        });
    }

    /**
     * Starts a subscription (or restarts an unconfirmed one) and emails the confirmation link.
     * Says nothing about whether the address was already subscribed.
     */
    public void subscribe(String email)
    {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (address.length() > MAX_NAME || !EMAIL.matcher(address).matches()) {
            throw IrisException.badRequest("Invalid email", "Enter an email address such as you@example.com");
        }
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            StatusDao dao = handle.attach(StatusDao.class);
            dao.subscribe(address, ApiKeys.generate(), now);
            if (!dao.confirmed(address).orElse(false)) {
                notices.confirmation(handle, now, address, dao.token(address).orElseThrow());
            }
        });
    }

    public boolean confirm(String token)
    {
        return token != null && jdbi.withExtension(StatusDao.class, dao -> dao.confirm(token)) > 0;
    }

    public boolean unsubscribe(String token)
    {
        return token != null && jdbi.withExtension(StatusDao.class, dao -> dao.unsubscribe(token)) > 0;
    }

    private ComponentInput validate(ComponentInput input)
    {
        if (input == null) {
            throw IrisException.badRequest("Missing component", "Send name, description, display_order and feeds");
        }
        String name = Names.requirePrintable("name", requireText("name", input.name(), MAX_NAME));
        String description = input.description() == null ? "" : limit("description", input.description().strip(), MAX_TEXT);
        List<String> feeds = input.feeds() == null ? List.of() : input.feeds().stream().map(StatusAdmin::feed).map(Feed::toString).distinct().toList();
        return new ComponentInput(name, description, input.displayOrder(), feeds);
    }

    /**
     * {@code kind:value}, e.g. {@code application:voice}, {@code label:service=voice}.
     */
    public static Feed feed(String text)
    {
        String spec = text == null ? "" : text.strip();
        int colon = spec.indexOf(':');
        FeedKind kind = colon < 0 ? null : FeedKind.parse(spec.substring(0, colon).strip()).orElse(null);
        String value = colon < 0 ? "" : spec.substring(colon + 1).strip();
        if (kind == null || value.isEmpty() || value.length() > MAX_NAME) {
            throw IrisException.badRequest("Invalid feed",
                    "A feed is kind:value with kind application, plan, label (label:key=value), dedup_prefix or heartbeat, not " + spec);
        }
        if (kind == FeedKind.LABEL && value.indexOf('=') <= 0) {
            throw IrisException.badRequest("Invalid feed", "A label feed is label:key=value");
        }
        return new Feed(kind, Names.requirePrintable("feed", value));
    }

    private static void writeFeeds(StatusDao dao, int componentId, List<String> feeds)
    {
        for (String spec : feeds) {
            Feed feed = feed(spec);
            dao.insertFeed(componentId, feed.kind().code(), feed.value());
        }
    }

    private static <T> T uniqueName(java.util.function.Supplier<T> write)
    {
        try {
            return write.get();
        }
        catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLIntegrityConstraintViolationException) {
                throw IrisException.badRequest("Invalid name", "A component with this name exists");
            }
            throw e;
        }
    }

    private static String requireText(String what, String value, int max)
    {
        if (value == null || value.isBlank()) {
            throw IrisException.badRequest("Missing " + what, what + " is required");
        }
        return limit(what, value.strip(), max);
    }

    private static String limit(String what, String value, int max)
    {
        if (value.length() > max) {
            throw IrisException.badRequest("Invalid " + what, what + " is longer than " + max + " characters");
        }
        return value;
    }

    private static IrisException noComponent(int id)
    {
        return IrisException.notFound("Component not found", "No component " + id);
    }

    private static String capitalize(String word)
    {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
