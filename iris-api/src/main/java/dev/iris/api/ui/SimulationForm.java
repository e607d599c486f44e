package dev.iris.api.ui;

import dev.iris.api.simulate.SimulatedPage;
import dev.iris.api.simulate.Simulation;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * "Who gets paged, when, how" on the plan page and in the editor: the chosen start time (a
 * {@code datetime-local} value in the user's zone) and application, and the simulation's pages
 * and notes, or why there is none.
 */
public record SimulationForm(String at, String application, List<String> applications, Simulation simulation, String error)
{
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    /**
     * The start: the form's time in the user's zone, or now (to the minute) when it is missing or unreadable.
     */
    public static Instant start(String at, ZoneId zone)
    {
        if (at != null && !at.isBlank()) {
            try {
                return LocalDateTime.parse(at.strip()).atZone(zone).toInstant();
            }
            catch (DateTimeParseException e) {
                // Fall through to now.
            }
        }
        return Instant.now().truncatedTo(ChronoUnit.MINUTES);
    }

    /**
     * The start as the form field shows it.
     */
    public static String formValue(Instant start, ZoneId zone)
    {
        return LOCAL.format(start.atZone(zone));
    }

    public List<SimulatedPage> pages()
    {
        return simulation == null ? List.of() : simulation.pages();
    }

    public List<String> notes()
    {
        return simulation == null ? List.of() : simulation.notes();
    }

    /**
     * When the page goes out.
     */
    public Instant when(SimulatedPage page)
    {
        return Instant.ofEpochSecond(page.at());
    }

    /**
     * "+5 min" from the start, as the plan reads.
     */
    public String offset(SimulatedPage page)
    {
        long seconds = page.offsetSeconds();
        if (seconds == 0) {
            return "at once";
        }
        return seconds % 60 == 0 ? "+" + seconds / 60 + " min" : "+" + seconds + " s";
    }
}
