package dev.iris.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.common.http.IrisException;
import dev.iris.core.request.JsonBody;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads request bodies as Iris does.
 *
 * @deprecated use {@link JsonBody}, which holds the same checks with the same error texts:
 * {@link JsonBody#parsePostBody}, {@link JsonBody#parsePostBodyObject}, {@link JsonBody#text},
 * {@link JsonBody#textList} and {@link JsonBody#textMap}.
 */
@Deprecated
public final class JsonBodies
{
    public static final String INVALID_JSON = JsonBody.INVALID_POST_BODY;

    private JsonBodies() {}

    /**
     * @deprecated use {@link JsonBody#parsePostBody}
     */
    @Deprecated
    public static JsonNode parse(ObjectMapper mapper, String body)
    {
        return JsonBody.parsePostBody(mapper, body);
    }

    /**
     * @deprecated use {@link JsonBody#parsePostBodyObject}
     */
    @Deprecated
    public static JsonNode parseObject(ObjectMapper mapper, String body)
    {
        return JsonBody.parsePostBodyObject(mapper, body);
    }

    /**
     * @deprecated use {@link JsonBody#text} with {@code IrisException.badRequest(message)}
     */
    @Deprecated
    public static Optional<String> optionalText(JsonNode object, String field, String message)
    {
        return JsonBody.text(object, field, IrisException.badRequest(message));
    }

    /**
     * @deprecated use {@link JsonBody#textList} with {@code IrisException.badRequest(message)}
     */
    @Deprecated
    public static List<String> textList(JsonNode node, String message)
    {
        return JsonBody.textList(node, IrisException.badRequest(message));
    }

    /**
     * @deprecated use {@link JsonBody#textMap} with {@code IrisException.badRequest(message)}
     */
    @Deprecated
    public static Map<String, String> textMap(JsonNode node, String message)
    {
        return JsonBody.textMap(node, IrisException.badRequest(message));
    }
}
