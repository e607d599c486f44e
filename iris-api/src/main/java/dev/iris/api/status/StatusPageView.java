package dev.iris.api.status;

import dev.iris.core.status.PublicStatus;
import io.dropwizard.views.common.View;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static java.util.Objects.requireNonNull;

/**
 * A public page (status.ftlh and its siblings): the {@link PublicStatus}, an optional message, and
 * nothing of the internal UI (no session, no scripts).
 */
public final class StatusPageView
        extends View
{
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final PublicStatus status;
    private final String message;
    private final String token;
    private final String action;
    private final String postmortemHtml;
    private java.util.List<PublishedPostmortems.Summary> postmortems = java.util.List.of();

    StatusPageView(String template, PublicStatus status, String message, String token, String action, String postmortemHtml)
    {
        super("/dev/iris/api/status/" + template, StandardCharsets.UTF_8);
        this.status = requireNonNull(status, "status is null");
        this.message = message;
        this.token = token;
        this.action = action;
        this.postmortemHtml = postmortemHtml;
    }

    public PublicStatus getStatus()
    {
        return status;
    }

    public String getMessage()
    {
        return message;
    }

    public String getToken()
    {
        return token;
    }

    public String getAction()
    {
        return action;
    }

    public String getPostmortemHtml()
    {
        return postmortemHtml;
    }

    StatusPageView withPostmortems(java.util.List<PublishedPostmortems.Summary> postmortems)
    {
        this.postmortems = java.util.List.copyOf(postmortems);
        return this;
    }

    public java.util.List<PublishedPostmortems.Summary> getPostmortems()
    {
        return postmortems;
    }

    public String time(Instant instant)
    {
        return instant == null ? "" : TIME.format(instant);
    }
}
