package dev.iris.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.iris.common.document.DocumentDiff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * YAML in and out for exported plans and templates, and the diff shown before applying one.
 */
public final class Documents
{
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE))
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Documents() {}

    public static ObjectMapper json()
    {
        return JSON;
    }

    public static String toYaml(JsonNode document)
    {
        try {
            return YAML.writeValueAsString(document);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode readYaml(Path file)
    {
        String text;
        try {
            text = Files.readString(file);
        }
        catch (NoSuchFileException e) {
            throw new UsageException("No such file: " + file);
        }
        catch (IOException e) {
            throw new UsageException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonNode document = YAML.readTree(text);
            if (document == null || !document.isObject()) {
                throw new UsageException(file + " is not a YAML mapping");
            }
            return document;
        }
        catch (JsonProcessingException e) {
            throw new UsageException("Invalid YAML in " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    public static void writeFile(Path file, String text)
    {
        try {
            Files.writeString(file, text);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A unified diff of two YAML texts; empty when they are equal.
     */
    public static List<String> diff(String name, String active, String proposed)
    {
        return DocumentDiff.diff(name, active, proposed);
    }
}
