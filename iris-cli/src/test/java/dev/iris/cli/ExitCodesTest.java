package dev.iris.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exit codes scripts rely on, for failures that need no API.
 */
final class ExitCodesTest
{
    @Test
    void unreachableApiExits3()
            throws IOException
    {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRunner.Result result = new CliRunner(URI.create("http://127.0.0.1:" + port), "app", "key").run("incidents");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).contains("Cannot reach the Iris API at http://127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void unknownVerbExits2()
    {
        CliRunner.Result result = CliRunner.runRaw("frobnicate");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Unmatched argument", "frobnicate");
    }

    @Test
    void aMistypedCommandLineUnderJsonIsAJsonUsageError()
            throws Exception
    {
        CliRunner.Result result = CliRunner.runRaw("trigger", "--app=a", "--key=k", "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        JsonNode error = new ObjectMapper().readTree(result.err()).path("error");
        assertThat(error.path("kind").asText()).isEqualTo("usage");
        assertThat(error.path("title").asText()).contains("Missing required parameter", "PLAN");
    }

    @Test
    void missingArgumentExits2()
    {
        CliRunner.Result result = CliRunner.runRaw("trigger", "--app=a", "--key=k");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Missing required parameter", "PLAN");
    }

    @Test
    void missingCredentialsExit2()
    {
        // Verbs that write need credentials; read-only ones fall back to the dev seed's (./iris dev).
        CliRunner.Result result = new CliRunner(URI.create("http://127.0.0.1:1"), null, null).run("claim", "1", "--user", "alice");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("No application: pass --app or set IRIS_APP");
    }

    @Test
    void malformedContextExits2()
    {
        CliRunner.Result result = new CliRunner(URI.create("http://127.0.0.1:1"), "a", "k").run("trigger", "plan", "no-equals-sign");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Context entry 'no-equals-sign' is not key=value or key:=json");
    }

    @Test
    void claimWithoutOwnerExits2()
    {
        CliRunner.Result result = new CliRunner(URI.create("http://127.0.0.1:1"), "a", "k").run("claim", "12");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("No user: pass --user or set IRIS_USER");
    }

    @Test
    void missingPlanFileExits2()
    {
        CliRunner.Result result = new CliRunner(URI.create("http://127.0.0.1:1"), "a", "k").run("plan", "apply", "/nonexistent/plan.yaml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("No such file: /nonexistent/plan.yaml");
    }

    @Test
    void helpExits0()
    {
        CliRunner.Result result = CliRunner.runRaw("--help");

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.out()).contains("trigger", "claim", "resolve", "incidents", "plan", "template", "app", "Exit codes");
    }
}
