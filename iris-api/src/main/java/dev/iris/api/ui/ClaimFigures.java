package dev.iris.api.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Iris's weekly figures for any range: per application (and for all of them) the incidents, the
 * share claimed and the median minutes to the first claim.
 */
public record ClaimFigures(String name, long incidents, long claimed, Double medianMinutes)
{
    /**
     * The share claimed in percent (one decimal), or null without incidents.
     */
    public Double claimedPercent()
    {
        return incidents == 0 ? null : Math.round(claimed * 1000.0 / incidents) / 10.0;
    }

    /**
     * One row per application in the counts' order, then a total row named "All applications".
     */
    static List<ClaimFigures> of(List<StatsDao.ClaimCount> counts, List<StatsDao.ClaimTime> times)
    {
        Map<String, List<Long>> byApplication = new HashMap<>();
        List<Long> all = new ArrayList<>();
        for (StatsDao.ClaimTime time : times) {
            byApplication.computeIfAbsent(time.name(), name -> new ArrayList<>()).add(time.seconds());
            all.add(time.seconds());
        }
        List<ClaimFigures> figures = new ArrayList<>();
        long incidents = 0;
        long claimed = 0;
        for (StatsDao.ClaimCount count : counts) {
            figures.add(new ClaimFigures(count.name(), count.incidents(), count.claimed(), medianMinutes(byApplication.getOrDefault(count.name(), List.of()))));
            incidents += count.incidents();
            claimed += count.claimed();
        }
        if (counts.size() != 1) {
            figures.add(new ClaimFigures("All applications", incidents, claimed, medianMinutes(all)));
        }
        return figures;
    }

    static Double medianMinutes(List<Long> seconds)
    {
        if (seconds.isEmpty()) {
            return null;
        }
        List<Long> sorted = seconds.stream().sorted().toList();
        int middle = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
        return Math.round(median / 6.0) / 10.0;
    }
}
