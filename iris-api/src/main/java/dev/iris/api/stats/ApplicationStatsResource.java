package dev.iris.api.stats;

import dev.iris.api.auth.PublicRead;
import dev.iris.common.http.IrisException;
import dev.iris.core.stats.StatsService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code GET /v0/applications/{app}/stats?fields=} (no credentials): one application's counts,
 * time to claim and delivery outcome per mode. Its own root path so it does not depend on the
 * applications resource.
 */
@Path("/v0/applications/{app}/stats")
@PublicRead
@Produces(MediaType.APPLICATION_JSON)
public final class ApplicationStatsResource
{
    private final StatsService stats;
    private final Clock clock;

    @Inject
    public ApplicationStatsResource(StatsService stats, Clock clock)
    {
        this.stats = requireNonNull(stats, "stats is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @GET
    public Map<String, List<Map<String, Number>>> application(@PathParam("app") String application, @QueryParam("fields") List<String> fields)
    {
        return stats.application(application, StatFields.parse(fields), clock.instant())
                .orElseThrow(() -> IrisException.badRequest("Application " + application + " not found"));
    }
}
