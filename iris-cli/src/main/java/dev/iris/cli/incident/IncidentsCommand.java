package dev.iris.cli.incident;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.cli.ApiClient;
import dev.iris.cli.ClientOptions;
import dev.iris.cli.Durations;
import dev.iris.cli.ExitCodes;
import dev.iris.cli.Output;
import dev.iris.cli.Table;
import dev.iris.core.incident.IncidentState;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code iris incidents [filters]}: lists incidents, newest first.
 */
@Command(name = "incidents", description = "List incidents, newest first.", mixinStandardHelpOptions = true)
public final class IncidentsCommand
        implements Callable<Integer>
{
    private static final String FIELDS = "id,plan,application,created,updated,owner,active,resolved,current_step";

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions options;

    @ArgGroup(exclusive = true)
    State state;

    @Option(names = "--plan", description = "Only this plan")
    String plan;

    @Option(names = "--application", description = "Only this application")
    String application;

    @Option(names = "--owner", description = "Only incidents claimed by this user")
    String owner;

    @Option(names = "--since", paramLabel = "DURATION", description = "Created within, e.g. 30m, 2h, 7d")
    String since;

    @Option(names = "--limit", defaultValue = "20", description = "At most this many (default ${DEFAULT-VALUE})")
    int limit;

    static final class State
    {
        @Option(names = "--active", description = "Only incidents still paging")
        boolean active;

        @Option(names = "--unacknowledged", description = "Only incidents whose plan ran out with nobody claiming or resolving them")
        boolean unacknowledged;

        @Option(names = "--inactive", description = "Only incidents no longer paging: claimed, resolved or unacknowledged")
        boolean inactive;
    }

    @Override
    public Integer call()
    {
        if (limit < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("fields", FIELDS);
        query.put("limit", limit);
        if (state != null && state.unacknowledged) {
            query.put("unacknowledged", 1);
        }
        else if (state != null) {
            query.put("active", state.active ? 1 : 0);
        }
        query.put("plan", plan);
        query.put("application", application);
        query.put("owner", owner);
        if (since != null) {
            query.put("created__ge", Instant.now().minus(Durations.parseDuration(since)).getEpochSecond());
        }
        ApiClient client = options.client();
        JsonNode incidents = client.get(ApiClient.withQuery("/v0/incidents", query));
        Output output = new Output(spec);
        if (options.json()) {
            output.json(incidents);
            return ExitCodes.OK;
        }
        Table table = new Table("ID", "CREATED", "APPLICATION", "PLAN", "STEP", "STATE", "OWNER", "RESOLVED");
        for (JsonNode incident : incidents) {
            table.row(incident.path("id").asLong(), Output.time(incident.get("created")), incident.path("application").asText(""),
                    incident.path("plan").asText(""), incident.path("current_step").asInt(), state(incident),
                    incident.path("owner").asText(""), incident.path("resolved").asBoolean() ? "yes" : "");
        }
        table.print(output.out());
        if (table.size() == 0) {
            output.note("No incidents match.");
        }
        return ExitCodes.OK;
    }

    /**
     * The UI's word for the incident's state.
     */
    private static String state(JsonNode incident)
    {
        boolean owned = !incident.path("owner").isNull() && !incident.path("owner").isMissingNode();
        return IncidentState.of(incident.path("active").asBoolean(), owned, incident.path("resolved").asBoolean()).label();
    }
}
