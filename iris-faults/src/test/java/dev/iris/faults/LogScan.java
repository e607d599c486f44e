package dev.iris.faults;

import dev.iris.faults.harness.Secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Looks for every secret the suite handed out in every file under a folder (the logs of the run),
 * and names what leaked where, never the secret itself.
 */
final class LogScan
{
    private LogScan() {}

    static List<String> findSecrets(Path folder)
    {
        Map<String, String> secrets = Secrets.issued();
        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
                for (int number = 0; number < lines.size(); number++) {
                    String line = lines.get(number);
                    for (Map.Entry<String, String> secret : secrets.entrySet()) {
                        if (line.contains(secret.getValue())) {
                            leaks.add(secret.getKey() + " in " + folder.relativize(file) + ":" + (number + 1) + ": " + masked(line, secrets));
                        }
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + folder, e);
        }
        return leaks;
    }

    private static String masked(String line, Map<String, String> secrets)
    {
        String masked = line;
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            masked = masked.replace(secret.getValue(), "<" + secret.getKey() + ">");
        }
        return masked.strip();
    }
}
