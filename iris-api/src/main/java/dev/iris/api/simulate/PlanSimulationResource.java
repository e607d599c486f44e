package dev.iris.api.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.api.auth.Caller;
import dev.iris.common.http.IrisException;
import io.dropwizard.auth.Auth;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code POST /v0/plans/{name}/simulate} (app HMAC): body {@code {start?, application?,
 * dynamic_targets?}}; answers who would be paged, how and when. Sends nothing. Not in Iris v0.
 */
@Path("/v0/plans/{name}/simulate")
public final class PlanSimulationResource
{
    private final PlanSimulator simulator;
    private final Clock clock;
    private final ObjectMapper objectMapper;

    @Inject
    public PlanSimulationResource(PlanSimulator simulator, Clock clock, ObjectMapper objectMapper)
    {
        this.simulator = requireNonNull(simulator, "simulator is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Simulation simulate(@Auth Caller caller, @PathParam("name") String name, String text)
    {
        JsonNode body = parse(text);
        String application = caller.requireApplication().name();
        Instant start = clock.instant();
        List<PlanSimulator.DynamicTarget> dynamicTargets = new ArrayList<>();
        if (body != null && !body.isNull() && !body.isMissingNode()) {
            if (!body.isObject()) {
                throw IrisException.badRequest("Invalid simulation request", "The body must be a JSON object");
            }
            if (body.hasNonNull("start")) {
                if (!body.get("start").canConvertToLong()) {
                    throw IrisException.badRequest("Invalid simulation request", "start must be unix seconds");
                }
                start = Instant.ofEpochSecond(body.get("start").asLong());
            }
            if (body.hasNonNull("application")) {
                application = body.get("application").asText();
            }
            if (body.has("dynamic_targets")) {
                JsonNode targets = body.get("dynamic_targets");
                if (!targets.isArray()) {
                    throw IrisException.badRequest("Invalid simulation request", "dynamic_targets must be a list of {role, target}");
                }
                for (JsonNode target : targets) {
                    if (!target.hasNonNull("role") || !target.hasNonNull("target")) {
                        throw IrisException.badRequest("Invalid simulation request", "each dynamic target needs role and target");
                    }
                    dynamicTargets.add(new PlanSimulator.DynamicTarget(target.get("role").asText(), target.get("target").asText()));
                }
            }
        }
        return simulator.simulate(name, application, start, dynamicTargets);
    }

    private JsonNode parse(String text)
    {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return objectMapper.readTree(text);
        }
        catch (JsonProcessingException e) {
            throw IrisException.badRequest("Invalid simulation request", "The body is not valid JSON");
        }
    }
}
