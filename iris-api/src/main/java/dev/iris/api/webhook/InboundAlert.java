package dev.iris.api.webhook;

import com.fasterxml.jackson.databind.JsonNode;

import static java.util.Objects.requireNonNull;

/**
 * What an alert notification asks of Iris, whatever system sent it.
 *
 * @param plan the plan to page through (null for a resolve that has no plan)
 * @param dedupKey repeats with this key attach to the open incident; null: always a new incident
 * @param action open (or count a repeat), resolve, or ignore (e.g. Grafana's "pending")
 * @param context the incident context: the payload as it arrived, as Iris stores webhook payloads
 * @param summary one line for the incident timeline
 */
public record InboundAlert(String plan, String dedupKey, Action action, JsonNode context, String summary)
{
    public enum Action
    {
        FIRE, RESOLVE, IGNORE
    }

    public InboundAlert
    {
        requireNonNull(action, "action is null");
        requireNonNull(context, "context is null");
        requireNonNull(summary, "summary is null");
        if (dedupKey != null && dedupKey.length() > 255) {
            // The column holds 255 characters; long keys (Alertmanager group keys can be long)
            // are replaced by a digest that is just as unique.
            dedupKey = DedupKeys.shorten(dedupKey);
        }
    }
}
