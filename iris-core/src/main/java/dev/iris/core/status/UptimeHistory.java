package dev.iris.core.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-day bars of a component from its recorded state changes: each UTC day's worst state and
 * the share of it spent in a partial or major outage.
 */
public final class UptimeHistory
{
    public record Change(Instant at, ComponentState state) {}

    public record Day(LocalDate date, ComponentState worst, double outageShare)
    {
        public String percentUp()
        {
            return "%.2f%%".formatted(100 * (1 - outageShare));
        }
    }

    private UptimeHistory() {}

    /**
     * @param changes the component's changes in time order, starting with the last one before the period
     *         (before the first change a component is operational)
     */
    public static List<Day> days(List<Change> changes, Instant now, int count)
    {
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        List<Day> days = new ArrayList<>();
        for (int back = count - 1; back >= 0; back--) {
            LocalDate date = today.minusDays(back);
            Instant start = date.atStartOfDay().toInstant(ZoneOffset.UTC);
            // Today runs to just past now, so a change at now (the live state) colours today's bar.
            Instant end = back == 0 ? now.plusMillis(1) : date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            days.add(day(date, changes, start, end));
        }
        return days;
    }

    private static Day day(LocalDate date, List<Change> changes, Instant start, Instant end)
    {
        ComponentState worst = ComponentState.OPERATIONAL;
        long outage = 0;
        long total = Math.max(1, Duration.between(start, end).toMillis());
        ComponentState current = ComponentState.OPERATIONAL;
        Instant cursor = start;
        for (Change change : changes) {
            if (!change.at().isAfter(start)) {
                current = change.state();
                continue;
            }
            if (!change.at().isBefore(end)) {
                break;
            }
            outage += outageMillis(current, cursor, change.at());
            worst = ComponentState.worst(worst, current);
            current = change.state();
            cursor = change.at();
        }
        outage += outageMillis(current, cursor, end);
        worst = ComponentState.worst(worst, current);
        return new Day(date, worst, Math.min(1, (double) outage / total));
    }

    private static long outageMillis(ComponentState state, Instant from, Instant to)
    {
        boolean down = state == ComponentState.PARTIAL_OUTAGE || state == ComponentState.MAJOR_OUTAGE;
        return down && to.isAfter(from) ? Duration.between(from, to).toMillis() : 0;
    }
}
