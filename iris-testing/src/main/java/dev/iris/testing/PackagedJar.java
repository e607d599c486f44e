package dev.iris.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static java.util.Objects.requireNonNull;

/**
 * A production jar (the shaded {@code -all.jar} a process runs from), checked for what the JVM
 * will look for in it at run time. The dev JVM and the tests run from Maven's classpath, where a
 * test-scope library is present; the packaged jar is the only place where a missing one shows.
 */
public final class PackagedJar
{
    private static final String SERVICES = "META-INF/services/";

    private final Path file;
    private final Set<String> classes;

    private PackagedJar(Path file, Set<String> classes)
    {
        this.file = file;
        this.classes = classes;
    }

    /**
     * Opens the jar a failsafe test names in the system property {@code property}.
     */
    public static PackagedJar fromSystemProperty(String property)
    {
        String location = System.getProperty(property);
        if (location == null || location.isBlank()) {
            throw new IllegalStateException("system property " + property + " names no jar: run this test with failsafe (mvn verify)");
        }
        return open(Path.of(location));
    }

    public static PackagedJar open(Path file)
    {
        requireNonNull(file, "file is null");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " does not exist: the package phase builds it");
        }
        Set<String> classes = new HashSet<>();
        try (JarFile jar = new JarFile(file.toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class")) {
                    classes.add(name.substring(0, name.length() - ".class".length()));
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PackagedJar(file, classes);
    }

    public boolean containsClass(String binaryName)
    {
        return classes.contains(binaryName.replace('.', '/'));
    }

    public Path file()
    {
        return file;
    }

    /**
     * The jar's size in MiB, as the README's table gives it.
     */
    public double sizeInMegabytes()
    {
        try {
            return Files.size(file) / (1024.0 * 1024.0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The entries whose names start with any of {@code prefixes} (such as {@code com/mysql/}).
     */
    public List<String> entriesUnder(String... prefixes)
    {
        List<String> found = new ArrayList<>();
        try (JarFile jar = new JarFile(file.toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                for (String prefix : prefixes) {
                    if (name.startsWith(prefix)) {
                        found.add(name);
                        break;
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /**
     * What {@code java -jar <this jar> <arguments>} printed and returned, run in {@code directory}
     * with {@code environment} added to this JVM's.
     */
    public record Run(int exitCode, String output) {}

    /**
     * Runs the jar as production does, {@code java -jar}, and waits at most {@code timeout}.
     */
    public Run run(Duration timeout, Path directory, Map<String, String> environment, String... arguments)
    {
        Path output = directory.resolve(arguments[0] + ".log");
        Process process = launch(output, environment, arguments);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(file.getFileName() + " " + String.join(" ", arguments) + " did not end within " + timeout);
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts the jar as production does, {@code java -jar}, in the directory of {@code output},
     * with its output (stdout and stderr) going to that file. Close it to stop it.
     */
    public PackagedProcess start(Path output, Map<String, String> environment, String... arguments)
    {
        return new PackagedProcess(launch(output, environment, arguments), output);
    }

    private Process launch(Path output, Map<String, String> environment, String... arguments)
    {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", file.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(output.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        try {
            return builder.start();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * Every implementation a {@code META-INF/services} file of the jar registers but the jar does
     * not contain, as {@code service -> implementation}.
     */
    public List<String> missingServiceImplementations()
    {
        List<String> missing = new ArrayList<>();
        try (JarFile jar = new JarFile(file.toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().startsWith(SERVICES) || entry.isDirectory()) {
                    continue;
                }
                String service = entry.getName().substring(SERVICES.length());
                String text = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                for (String line : text.split("\n")) {
                    String implementation = line.replaceFirst("#.*", "").trim();
                    if (!implementation.isEmpty() && !containsClass(implementation)) {
                        missing.add(service + " -> " + implementation);
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return missing;
    }

    /**
     * The classes that the jar's classes under {@code packagePrefix} (such as {@code dev/iris/})
     * refer to, found neither in the jar nor in the running JDK, each with one class that refers
     * to it. Those references fail with {@code NoClassDefFoundError} when the code runs.
     */
    public Set<String> unresolvedReferences(String packagePrefix)
    {
        Set<String> unresolved = new TreeSet<>();
        try (JarFile jar = new JarFile(file.toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.startsWith(packagePrefix) || !name.endsWith(".class") || name.startsWith("META-INF/")) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    for (String referenced : referencedClasses(in)) {
                        if (!classes.contains(referenced) && !inJdk(referenced)) {
                            unresolved.add(referenced + " (from " + name + ")");
                        }
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return unresolved;
    }

    private static boolean inJdk(String internalName)
    {
        return ClassLoader.getPlatformClassLoader().getResource(internalName + ".class") != null;
    }

    /**
     * The classes a class file's constant pool names (CONSTANT_Class entries): every class the
     * code instantiates, calls, casts to, catches or reads a field of.
     */
    static Set<String> referencedClasses(InputStream classFile)
            throws IOException
    {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> classNameIndexes = new ArrayList<>();
        for (int index = 1; index < count; index++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[index] = in.readUTF();
                case 7 -> classNameIndexes.add(in.readUnsignedShort());
                case 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    // Eight-byte constants take two slots.
                    in.skipBytes(8);
                    index++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> names = new HashSet<>();
        for (int index : classNameIndexes) {
            String name = utf8[index];
            // Array types name their element type as a descriptor: [[Lcom/x/Y; or [I.
            if (name.startsWith("[")) {
                String element = name.replaceFirst("^\\[+", "");
                if (!element.startsWith("L")) {
                    continue;
                }
                name = element.substring(1, element.length() - 1);
            }
            names.add(name);
        }
        return names;
    }
}
