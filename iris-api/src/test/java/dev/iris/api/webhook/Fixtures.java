package dev.iris.api.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Real webhook payloads in {@code src/test/resources/fixtures/webhooks}.
 */
final class Fixtures
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    static String text(String name)
    {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/webhooks/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String name)
    {
        try {
            return JSON.readTree(text(name));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
