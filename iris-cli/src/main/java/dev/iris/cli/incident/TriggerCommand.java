package dev.iris.cli.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.cli.ApiClient;
import dev.iris.cli.ClientOptions;
import dev.iris.cli.Documents;
import dev.iris.cli.ExitCodes;
import dev.iris.cli.Output;
import dev.iris.cli.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code iris trigger PLAN [key=value | key:=json]... [--context JSON]}: creates an incident.
 */
@Command(name = "trigger", description = "Create an incident on a plan.", mixinStandardHelpOptions = true)
public final class TriggerCommand
        implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(index = "0", paramLabel = "PLAN", description = "Active plan name")
    String plan;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE",
            description = "Context entries: key=text, or key:=JSON for numbers, lists and objects")
    List<String> pairs = new ArrayList<>();

    @Option(names = "--context", paramLabel = "JSON", description = "The whole context as a JSON object (pairs are merged into it)")
    String contextJson;

    @Option(names = "--application", description = "Create the incident as this application (needs allow_other_app_incidents)")
    String application;

    @Option(names = "--dedup-key", description = "Open incidents of the application with this key absorb the trigger")
    String dedupKey;

    @Override
    public Integer call()
    {
        ObjectNode context = context(contextJson, pairs);
        ObjectNode body = Documents.json().createObjectNode();
        body.put("plan", plan);
        body.set("context", context);
        if (application != null) {
            body.put("application", application);
        }
        if (dedupKey != null) {
            body.put("dedup_key", dedupKey);
        }
        ApiClient client = options.client();
        JsonNode id = client.post("/v0/incidents", body);
        Output output = new Output(spec);
        if (options.json()) {
            output.json(Documents.json().createObjectNode().put("incident_id", id.asLong()));
        }
        else {
            output.line("Incident " + id.asLong() + " created on plan " + plan);
        }
        return ExitCodes.OK;
    }

    static ObjectNode context(String json, List<String> pairs)
    {
        ObjectNode context = Documents.json().createObjectNode();
        if (json != null) {
            JsonNode parsed = parseJson(json, "--context");
            if (!parsed.isObject()) {
                throw new UsageException("--context must be a JSON object");
            }
            context.setAll((ObjectNode) parsed);
        }
        for (String pair : pairs) {
            int typed = pair.indexOf(":=");
            int equals = pair.indexOf('=');
            if (typed > 0 && typed < equals) {
                context.set(pair.substring(0, typed), parseJson(pair.substring(typed + 2), pair.substring(0, typed)));
            }
            else if (equals > 0) {
                context.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
            else {
                throw new UsageException("Context entry '" + pair + "' is not key=value or key:=json");
            }
        }
        return context;
    }

    private static JsonNode parseJson(String text, String what)
    {
        try {
            return Documents.json().readTree(text);
        }
        catch (JsonProcessingException e) {
            throw new UsageException("Invalid JSON for " + what + ": " + e.getOriginalMessage());
        }
    }
}
