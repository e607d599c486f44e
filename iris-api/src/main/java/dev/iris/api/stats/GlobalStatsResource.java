package dev.iris.api.stats;

import dev.iris.api.auth.PublicRead;
import dev.iris.core.stats.StatsService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code GET /v0/stats?fields=} (no credentials): Iris-wide statistics, computed on request, as
 * {@code {stat: [{ts: value}, ...]}} for now and the six weeks before.
 */
@Path("/v0/stats")
@PublicRead
@Produces(MediaType.APPLICATION_JSON)
public final class GlobalStatsResource
{
    private final StatsService stats;
    private final Clock clock;

    @Inject
    public GlobalStatsResource(StatsService stats, Clock clock)
    {
        this.stats = requireNonNull(stats, "stats is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @GET
    public Map<String, List<Map<String, Number>>> global(@QueryParam("fields") List<String> fields)
    {
        return stats.global(StatFields.parse(fields), clock.instant());
    }
}
