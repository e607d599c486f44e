package dev.iris.core.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.common.http.IrisException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class JsonBodyTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IrisException MISSING = IrisException.badRequest("missing");
    private static final IrisException INVALID = IrisException.badRequest("invalid");

    @Test
    void postBodyErrorsAreIrisSingleMessage()
    {
        assertThat(JsonBody.parsePostBody(JSON, "[1]").isArray()).isTrue();
        assertThatThrownBy(() -> JsonBody.parsePostBody(JSON, "")).hasMessage("Invalid json in post body");
        assertThatThrownBy(() -> JsonBody.parsePostBody(JSON, "{oops")).hasMessage("Invalid json in post body");
        assertThatThrownBy(() -> JsonBody.parsePostBodyObject(JSON, "[1]")).hasMessage("Invalid json in post body: expected a JSON object");
    }

    @Test
    void requiredIntegerTellsMissingFromInvalid()
    {
        assertThat(JsonBody.requiredInteger(json("{\"active\": \"1\"}"), "active", MISSING, INVALID)).isEqualTo(1);
        assertThat(JsonBody.requiredInteger(json("{\"active\": true}"), "active", MISSING, INVALID)).isEqualTo(1);
        assertThatThrownBy(() -> JsonBody.requiredInteger(json("{}"), "active", MISSING, INVALID)).isSameAs(MISSING);
        assertThatThrownBy(() -> JsonBody.requiredInteger(json("{\"active\": null}"), "active", MISSING, INVALID)).isSameAs(INVALID);
        assertThatThrownBy(() -> JsonBody.requiredInteger(json("{\"active\": \"yes\"}"), "active", MISSING, INVALID)).isSameAs(INVALID);
    }

    @Test
    void intValueAcceptsIntegersAndDigitStrings()
    {
        assertThat(JsonBody.intValue(json("7"), INVALID)).isEqualTo(7);
        assertThat(JsonBody.intValue(json("\" 8 \""), INVALID)).isEqualTo(8);
        assertThatThrownBy(() -> JsonBody.intValue(json("1.5"), INVALID)).isSameAs(INVALID);
        assertThatThrownBy(() -> JsonBody.intValue(json("99999999999"), INVALID)).isSameAs(INVALID);
        assertThatThrownBy(() -> JsonBody.intValue(json("\"x\""), INVALID)).isSameAs(INVALID);
    }

    @Test
    void textListAndMapRejectOtherShapes()
    {
        assertThat(JsonBody.textList(json("[\"a\", \"b\"]"), INVALID)).containsExactly("a", "b");
        assertThatThrownBy(() -> JsonBody.textList(json("[\"a\", 1]"), INVALID)).isSameAs(INVALID);
        assertThatThrownBy(() -> JsonBody.textList(null, INVALID)).isSameAs(INVALID);
        assertThat(JsonBody.textMap(json("{\"high\": \"sms\", \"low\": \"email\"}"), INVALID)).containsExactly(
                Map.entry("high", "sms"), Map.entry("low", "email"));
        assertThatThrownBy(() -> JsonBody.textMap(json("{\"high\": 1}"), INVALID)).isSameAs(INVALID);
        assertThatThrownBy(() -> JsonBody.textMap(json("[]"), INVALID)).isSameAs(INVALID);
    }

    private static JsonNode json(String text)
    {
        try {
            return JSON.readTree(text);
        }
        catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
