package dev.iris.core.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Appends rows as JSON lines to {@code <directory>/<table>-<yyyy-MM-dd>.jsonl} (the run's date),
 * one object per row, times as ISO-8601 UTC. Written and forced to disk before the rows are
 * deleted, so a failed write deletes nothing.
 */
final class JsonLinesArchive
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final LocalDate runDate;

    JsonLinesArchive(Path directory, Instant runAt)
    {
        this.directory = requireNonNull(directory, "directory is null");
        this.runDate = LocalDate.ofInstant(runAt, ZoneOffset.UTC);
    }

    void append(String table, List<Map<String, Object>> rows)
    {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (Map<String, Object> row : rows) {
            try {
                lines.append(JSON.writeValueAsString(portable(row))).append('\n');
            }
            catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot archive a " + table + " row", e);
            }
        }
        Path file = directory.resolve(table + "-" + runDate + ".jsonl");
        try {
            Files.createDirectories(directory);
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write archive " + file, e);
        }
    }

    private static Map<String, Object> portable(Map<String, Object> row)
    {
        Map<String, Object> copy = new LinkedHashMap<>(row.size());
        row.forEach((column, value) -> copy.put(column, portableValue(value)));
        return copy;
    }

    private static Object portableValue(Object value)
    {
        if (value instanceof LocalDateTime time) {
            return time.toInstant(ZoneOffset.UTC).toString();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof java.time.temporal.Temporal temporal) {
            return temporal.toString();
        }
        return value;
    }
}
