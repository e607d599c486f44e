package dev.iris.faults.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shaded jars an operator runs: {@code <module>/target/<module>-<version>-all.jar}. Found by
 * path, not through the suite's classpath, because the suite must run exactly what ships.
 */
public final class PackagedJars
{
    private PackagedJars() {}

    public static Path api()
    {
        return find("iris-api");
    }

    public static Path sender()
    {
        return find("iris-sender");
    }

    public static Path relay()
    {
        return find("iris-relay");
    }

    static Path find(String module)
    {
        Path target = SuitePaths.root().resolve(module).resolve("target");
        List<Path> jars;
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            jars = files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith(module + "-") && name.endsWith("-all.jar");
            }).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target, e);
        }
        if (jars.size() != 1) {
            throw new IllegalStateException("The fault suite runs the packaged " + module + " jar, but " + target + " holds "
                    + (jars.isEmpty() ? "none" : jars) + ". Build the jars first: mvn -B -pl iris-faults -am verify -DskipTests");
        }
        return jars.get(0);
    }
}
