package dev.iris.relay.slack;

import com.fasterxml.jackson.annotation.JsonProperty;

import static java.util.Objects.requireNonNull;

/**
 * A button press, as the API's {@code POST /v0/response/slack} takes it: the Iris message id, the
 * Slack user name that pressed, and the command ({@code claim} or {@code claim all}).
 */
public record SlackAction(
        @JsonProperty("msg_id") long messageId,
        @JsonProperty("source") String source,
        @JsonProperty("content") String content)
{
    public SlackAction
    {
        requireNonNull(source, "source is null");
        requireNonNull(content, "content is null");
    }
}
