package dev.iris.cli.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.cli.ApiClient;
import dev.iris.cli.ClientOptions;
import dev.iris.cli.Documents;
import dev.iris.cli.ExitCodes;
import dev.iris.cli.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;

/**
 * {@code iris app create|secondary|rekey NAME}: application keys. These need an admin or owner
 * user ({@code --user}) and an application allowed to authenticate users.
 */
@Command(name = "app", description = "Create applications and rotate their keys.", mixinStandardHelpOptions = true,
        subcommands = HelpCommand.class)
public final class AppCommand
        implements Runnable
{
    @Spec
    CommandSpec spec;

    @Override
    public void run()
    {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand: create, secondary or rekey");
    }

    @Command(name = "create", description = "Create an application (admin only) and print its key.", mixinStandardHelpOptions = true)
    int create(@Mixin ClientOptions options, @Parameters(paramLabel = "NAME") String name,
            @Option(names = "--variables", split = ",", paramLabel = "NAME[,NAME...]",
                    description = "The context variables the application's incidents keep (as in Iris, the others are dropped)")
            List<String> variables)
    {
        options.requireUser("creating applications is for admins");
        ApiClient client = options.client();
        JsonNode created = client.post("/v0/applications", Documents.json().createObjectNode().put("name", name));
        if (variables != null && !variables.isEmpty()) {
            client.put("/v0/applications/" + ApiClient.segment(name), settings(variables));
        }
        String key = client.get("/v0/applications/" + ApiClient.segment(name) + "/key").path("key").asText();
        print(options, "Created application " + name + " (id " + created.path("id").asLong() + ")", name, key);
        return ExitCodes.OK;
    }

    /**
     * Iris's application settings with these variables: every template field empty, the sample
     * context naming each variable, and {@code title} as the title variable when there is one.
     */
    private static ObjectNode settings(List<String> variables)
    {
        ObjectNode sample = Documents.json().createObjectNode();
        variables.forEach(variable -> sample.put(variable, ""));
        ObjectNode settings = Documents.json().createObjectNode();
        settings.put("sample_context", sample.toString());
        settings.putNull("context_template");
        settings.putNull("summary_template");
        settings.putNull("mobile_template");
        variables.forEach(settings.putArray("variables")::add);
        if (variables.contains("title")) {
            settings.put("title_variable", "title");
        }
        return settings;
    }

    @Command(name = "secondary", description = "Generate a secondary key (step 1 of a rotation) and print it.", mixinStandardHelpOptions = true)
    int secondary(@Mixin ClientOptions options, @Parameters(paramLabel = "NAME") String name)
    {
        options.requireUser("key rotation is for owners and admins");
        ApiClient client = options.client();
        String path = "/v0/applications/" + ApiClient.segment(name) + "/secondary";
        client.post(path, "");
        String key = client.get(path).path("key").asText();
        print(options, "Secondary key of " + name + " (deploy it to clients, then run app rekey)", name, key);
        return ExitCodes.OK;
    }

    @Command(name = "rekey", description = "Promote the secondary key to primary and print the new primary key.", mixinStandardHelpOptions = true)
    int rekey(@Mixin ClientOptions options, @Parameters(paramLabel = "NAME") String name)
    {
        options.requireUser("key rotation is for owners and admins");
        ApiClient client = options.client();
        client.post("/v0/applications/" + ApiClient.segment(name) + "/rekey", "");
        String key = client.get("/v0/applications/" + ApiClient.segment(name) + "/key").path("key").asText();
        print(options, "Rekeyed " + name + "; the old primary key no longer works", name, key);
        return ExitCodes.OK;
    }

    private void print(ClientOptions options, String message, String name, String key)
    {
        Output output = new Output(spec);
        if (options.json()) {
            output.json(Documents.json().createObjectNode().put("application", name).put("key", key));
        }
        else {
            output.note(message);
            output.line(key);
        }
    }
}
