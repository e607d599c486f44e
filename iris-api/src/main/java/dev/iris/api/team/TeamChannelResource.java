package dev.iris.api.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.api.auth.Caller;
import dev.iris.api.auth.PublicRead;
import dev.iris.api.schedule.ScheduleAccess;
import dev.iris.common.http.IrisException;
import dev.iris.core.request.JsonBody;
import dev.iris.core.team.TeamChannels;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code /v0/teams/{team}/channels} (not in Iris): the team's chat channels, where its plans'
 * countdown notifications are posted, as {@code {"mattermost": "~db-oncall", "telegram": "-100…"}}.
 * Reads are public like Iris's; a PUT replaces them all and needs a member of the team, an admin
 * or a trusted application, as schedule changes do.
 */
@Path("/v0/teams/{team}/channels")
@PublicRead
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class TeamChannelResource
{
    private final TeamChannels channels;
    private final ScheduleAccess access;
    private final ObjectMapper objectMapper;

    @Inject
    public TeamChannelResource(TeamChannels channels, ScheduleAccess access, ObjectMapper objectMapper)
    {
        this.channels = requireNonNull(channels, "channels is null");
        this.access = requireNonNull(access, "access is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
    }

    @GET
    public Map<String, String> get(@PathParam("team") String team)
    {
        return channels.channels(team);
    }

    @PUT
    public Map<String, String> replace(@Auth Caller caller, @PathParam("team") String team, String body)
    {
        access.requireEditor(caller, team);
        JsonNode json = JsonBody.parseObject(objectMapper, body);
        Map<String, String> wanted = new LinkedHashMap<>();
        json.fields().forEachRemaining(field -> {
            if (!field.getValue().isTextual() && !field.getValue().isNull()) {
                throw IrisException.badRequest("Invalid channel", "The " + field.getKey() + " channel must be a string");
            }
            wanted.put(field.getKey(), field.getValue().isNull() ? "" : field.getValue().asText());
        });
        channels.replace(team, wanted);
        return channels.channels(team);
    }
}
