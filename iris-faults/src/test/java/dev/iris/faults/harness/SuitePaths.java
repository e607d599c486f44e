package dev.iris.faults.harness;

import java.nio.file.Files;
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
}
