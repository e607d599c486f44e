package dev.iris.cli.incident;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.cli.ApiClient;
import dev.iris.cli.ClientOptions;
import dev.iris.cli.Durations;
import dev.iris.cli.ExitCodes;
import dev.iris.cli.Output;
import dev.iris.cli.Table;
import dev.iris.common.incident.IncidentState;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code iris incidents [filters]}: lists incidents, newest first.
 */
@Command(name = "incidents", description = "List incidents, newest first.", mixinStandardHelpOptions = true)
public final class IncidentsCommand
        implements Callable<Integer>
{
    private static final String FIELDS = "id,plan,application,created,updated,owner,active,resolved,current_step,context,title_variable_name";
    private static final int TITLE_WIDTH = 48;

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
        ApiClient client = options.readOnlyClient();
        JsonNode incidents = client.get(ApiClient.withQuery("/v0/incidents", query));
        Output output = new Output(spec);
        if (options.json()) {
            output.json(incidents);
            return ExitCodes.OK;
        }
        Set<Long> silenced = silenced(client, incidents);
        Table table = new Table("ID", "CREATED", "STATE", "TITLE", "APPLICATION", "PLAN", "STEP", "OWNER");
        for (JsonNode incident : incidents) {
            long id = incident.path("id").asLong();
            table.row(id, Output.time(incident.get("created")), state(incident, silenced.contains(id)), title(incident),
                    incident.path("application").asText(""), incident.path("plan").asText(""), incident.path("current_step").asInt(),
                    incident.path("owner").asText(""));
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
    private static String state(JsonNode incident, boolean silenced)
    {
        boolean owned = !incident.path("owner").isNull() && !incident.path("owner").isMissingNode();
        return IncidentState.of(incident.path("active").asBoolean(), owned, incident.path("resolved").asBoolean(), silenced).label();
    }

    /**
     * The application's title variable's value (the API adds it), else the start of the context.
     */
    private static String title(JsonNode incident)
    {
        String title = incident.hasNonNull("title") ? incident.get("title").asText() : incident.path("context").toString();
        String flat = title.replaceAll("\\s+", " ").strip();
        return flat.length() <= TITLE_WIDTH ? flat : flat.substring(0, TITLE_WIDTH - 1) + "…";
    }

    /**
     * Which of the listed incidents a maintenance window holds (the search rows keep Iris's fields,
     * so this is one more filtered search).
     */
    private static Set<Long> silenced(ApiClient client, JsonNode incidents)
    {
        List<String> ids = new ArrayList<>();
        incidents.forEach(incident -> ids.add(incident.path("id").asText()));
        if (ids.isEmpty()) {
            return Set.of();
        }
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("fields", "id");
        query.put("silenced", 1);
        query.put("id__in", String.join(",", ids));
        Set<Long> silenced = new HashSet<>();
        client.get(ApiClient.withQuery("/v0/incidents", query)).forEach(row -> silenced.add(row.path("id").asLong()));
        return silenced;
    }
}
