package dev.iris.core.status;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How the status page behaves (iris-api's {@code status:} block).
 *
 * @param holdDown how long a resolved incident keeps its component red (flapping alerts)
 * @param reminderAfter an automatically red component's incident without a public update reminds
 *         its owner (or its plan's creator) after this long; zero: never
 * @param maxIncidentAge unresolved incidents older than this no longer colour the page (Iris
 *         incidents are often claimed and never resolved)
 * @param noticeApplication the application subscriber emails and reminders are sent as
 * @param publicUrl where the public page lives, for the links in emails
 * @param pageTitle the public page's heading
 */
public record StatusSettings(Duration holdDown, Duration reminderAfter, Duration maxIncidentAge, String noticeApplication, String publicUrl,
        String pageTitle)
{
    public StatusSettings
    {
        requireNonNull(holdDown, "holdDown is null");
        requireNonNull(reminderAfter, "reminderAfter is null");
        requireNonNull(maxIncidentAge, "maxIncidentAge is null");
        requireNonNull(noticeApplication, "noticeApplication is null");
        requireNonNull(publicUrl, "publicUrl is null");
        requireNonNull(pageTitle, "pageTitle is null");
        publicUrl = publicUrl.replaceAll("/+$", "");
    }
}
