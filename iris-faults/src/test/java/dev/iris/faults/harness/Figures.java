package dev.iris.faults.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one scenario, and the table of a whole run (printed, and written to
 * {@code target/fault-suite/figures.md} for docs/reliability.md).
 */
public record Figures(String scenario, int incidents, int requests, int owed, int delivered, int lost, int duplicated, int serverErrors,
        int unauthorized, Duration duration, String note)
{
    private static final List<Figures> RUN = new ArrayList<>();

    public static Figures of(String scenario, LoadResult load, Ledger.Reconciliation ledger, Duration duration, String note)
    {
        return new Figures(scenario, load.count(201), load.requests(), ledger.owed().size(),
                ledger.owed().stream().filter(ledger.delivered()::contains).mapToInt(id -> 1).sum(),
                ledger.lost().size(), ledger.duplicated().size(), load.serverErrorsBut503(), load.count(401), duration, note);
    }

    public static synchronized void record(Figures figures)
    {
        RUN.add(figures);
        System.out.println("[fault-suite] " + row(figures));
        write();
    }

    public static synchronized String table()
    {
        StringBuilder table = new StringBuilder();
        table.append("| scenario | incidents (201) | requests | pages owed | delivered | lost | duplicated | 5xx (not 503) | 401 | duration | notes |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Figures figures : RUN) {
            table.append(row(figures)).append('\n');
        }
        return table.toString();
    }

    private static String row(Figures figures)
    {
        return "| " + figures.scenario() + " | " + figures.incidents() + " | " + figures.requests() + " | " + figures.owed() + " | "
                + figures.delivered() + " | " + figures.lost() + " | " + figures.duplicated() + " | " + figures.serverErrors() + " | "
                + figures.unauthorized() + " | " + figures.duration().toSeconds() + " s | " + figures.note() + " |";
    }

    private static void write()
    {
        try {
            Files.createDirectories(SuitePaths.output());
            Files.writeString(SuitePaths.output().resolve("figures.md"), table(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
