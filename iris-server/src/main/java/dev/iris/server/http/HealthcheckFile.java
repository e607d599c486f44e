package dev.iris.server.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Iris's {@code healthcheck_path}: a file whose first line the load balancer check answers, so an
 * operator takes a node out of rotation by editing or removing it.
 */
public final class HealthcheckFile
{
    private HealthcheckFile() {}

    /**
     * The file's first line without surrounding blanks (empty for an empty file); empty when the
     * file cannot be read.
     */
    public static Optional<String> firstLine(Path file)
    {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            return Optional.of(line == null ? "" : line.strip());
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }
}
