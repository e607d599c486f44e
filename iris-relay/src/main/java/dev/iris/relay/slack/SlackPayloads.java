package dev.iris.relay.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.common.http.IrisException;
import dev.iris.relay.http.FormBody;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the button press out of Slack's form field {@code payload}. Two shapes are accepted:
 * <ul>
 * <li>legacy {@code interactive_message} attachments, as Iris sends them: {@code callback_id} is
 * the message id and {@code actions[0].name} the command;</li>
 * <li>Block Kit {@code block_actions}: the button's {@code value} is the message id and its
 * {@code action_id} the command ({@code claim}, {@code claim_all}).</li>
 * </ul>
 */
public final class SlackPayloads
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> COMMANDS = Set.of("claim", "claim all");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private SlackPayloads() {}

    public static SlackAction parse(String formBody)
    {
        String payloadText = FormBody.parse(formBody).get("payload")
                .orElseThrow(() -> IrisException.badRequest("Bad Request", "Missing the payload field"));
        JsonNode payload;
        try {
            payload = MAPPER.readTree(payloadText);
        }
        catch (JsonProcessingException e) {
            throw IrisException.badRequest("Bad Request", "The payload is not JSON");
        }
        if (payload == null || !payload.isObject()) {
            throw IrisException.badRequest("Bad Request", "The payload is not a JSON object");
        }
        JsonNode action = payload.path("actions").path(0);
        if (!action.isObject()) {
            throw IrisException.badRequest("Bad Request", "The payload has no action");
        }
        boolean blocks = "block_actions".equals(payload.path("type").asText());
        String messageId = blocks
                ? firstDigits(text(action, "value"), text(action, "block_id")).orElse(null)
                : text(payload, "callback_id").orElse(null);
        if (messageId == null || !DIGITS.matcher(messageId).matches()) {
            throw IrisException.badRequest("Bad Request", "Callback id not found or not a message id");
        }
        String command = (blocks ? text(action, "action_id").or(() -> text(action, "name")) : text(action, "name"))
                .map(SlackPayloads::normalizeCommand)
                .filter(COMMANDS::contains)
                .orElseThrow(() -> IrisException.badRequest("Bad Request", "Unsupported action; expected claim or claim all"));
        JsonNode user = payload.path("user");
        String source = (blocks ? text(user, "username").or(() -> text(user, "name")) : text(user, "name").or(() -> text(user, "username")))
                .orElseThrow(() -> IrisException.badRequest("Bad Request", "The payload has no user name"));
        return new SlackAction(Long.parseLong(messageId), source, command);
    }

    private static String normalizeCommand(String command)
    {
        return command.strip().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
    }

    private static Optional<String> firstDigits(Optional<String> first, Optional<String> second)
    {
        return first.filter(value -> DIGITS.matcher(value).matches())
                .or(() -> second.filter(value -> DIGITS.matcher(value).matches()));
    }

    private static Optional<String> text(JsonNode node, String field)
    {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return Optional.empty();
        }
        String text = value.asText().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
