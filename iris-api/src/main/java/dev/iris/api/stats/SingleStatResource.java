package dev.iris.api.stats;

import dev.iris.api.auth.PublicRead;
import dev.iris.common.http.IrisException;
import dev.iris.core.stats.StatsService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * {@code GET /v0/singlestats/{stat}} (no credentials): one statistic per application, as Iris
 * answers it: {@code [{ts: [{application: value}, ...]}, ...]}, newest first, largest first.
 */
@Path("/v0/singlestats/{stat}")
@PublicRead
@Produces(MediaType.APPLICATION_JSON)
public final class SingleStatResource
{
    private final StatsService stats;
    private final Clock clock;

    @Inject
    public SingleStatResource(StatsService stats, Clock clock)
    {
        this.stats = requireNonNull(stats, "stats is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @GET
    public List<Map<String, List<Map<String, Number>>>> single(@PathParam("stat") String stat)
    {
        Map<String, List<Map<String, Number>>> points = stats.single(stat, clock.instant())
                .orElseThrow(() -> IrisException.badRequest("Stat " + stat + " not found",
                        "Valid stats: " + String.join(", ", new TreeSet<>(StatsService.singleStats()))));
        // Iris answers a list of one-key objects, newest first.
        List<Map<String, List<Map<String, Number>>>> list = new ArrayList<>();
        points.forEach((timestamp, values) -> list.add(Map.of(timestamp, values)));
        return list;
    }
}
