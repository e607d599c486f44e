package dev.iris.api.user;

import dev.iris.api.IrisApiConfiguration;
import dev.iris.api.auth.PublicRead;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * {@code GET /v0/timezones}: the time zones users may choose.
 */
@Path("/v0/timezones")
@Produces(MediaType.APPLICATION_JSON)
@PublicRead
public final class TimezoneResource
{
    private final List<String> timezones;

    @Inject
    public TimezoneResource(IrisApiConfiguration configuration)
    {
        this.timezones = List.copyOf(configuration.getSupportedTimezones());
    }

    @GET
    public List<String> timezones()
    {
        return timezones;
    }
}
