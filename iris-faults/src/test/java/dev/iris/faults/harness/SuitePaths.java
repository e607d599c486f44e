package dev.iris.faults.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.stream.Stream;
import java.nio.file.Path;

/**
 * Where the repository, the packaged jars, the production configs and the suite's output are.
 */
public final class SuitePaths
{
    private SuitePaths() {}

    /**
     * The repository root: {@code IRIS_TEST_ROOT} (set by the build), else the parent of this
     * module's directory.
     */
    public static Path root()
    {
        String root = System.getenv("IRIS_TEST_ROOT");
        if (root != null && !root.isBlank()) {
            return Path.of(root).toAbsolutePath();
        }
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("configs")) ? here : here.getParent();
    }

    /**
     * The production config of a process, {@code configs/<process>.yaml}.
     */
    public static Path productionConfig(String process)
    {
        Path config = root().resolve("configs").resolve(process + ".yaml");
        if (!Files.isRegularFile(config)) {
            throw new IllegalStateException("The production config " + config + " is missing");
        }
        return config;
    }

    /**
     * {@code iris-faults/target/fault-suite}: every log the suite's processes write.
     */
    public static Path output()
    {
        return root().resolve("iris-faults").resolve("target").resolve("fault-suite");
    }

    /**
     * {@code iris-faults/target/fault-suite-terminal}: what one-shot commands printed for the
     * operator (keys and one-time passwords included), kept apart from the logs that the secret
     * scan reads.
     */
    public static Path terminal()
    {
        return root().resolve("iris-faults").resolve("target").resolve("fault-suite-terminal");
    }

    /**
     * The {@code ./iris} launcher at the repository root.
     */
    public static Path launcher()
    {
        return root().resolve("iris");
    }

    /**
     * Deletes a folder and everything in it; nothing when it does not exist.
     */
    public static void deleteRecursively(Path directory)
            throws IOException
    {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
