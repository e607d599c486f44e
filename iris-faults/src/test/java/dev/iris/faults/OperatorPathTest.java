package dev.iris.faults;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.iris.faults.harness.BootstrapOutput;
import dev.iris.faults.harness.IrisProcess;
import dev.iris.faults.harness.MariaDbServer;
import dev.iris.faults.harness.OsProcess;
import dev.iris.faults.harness.Ports;
import dev.iris.faults.harness.Secrets;
import dev.iris.faults.harness.SuitePaths;
import dev.iris.testing.Deadline;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Running in production", command by command, through {@code ./iris} on the packaged
 * jars and a MariaDB server process: {@code db migrate} on a server where the database does not
 * exist yet, {@code bootstrap}, the three processes, the admin's first login in the web UI, then
 * {@code app create}, {@code template apply}, {@code plan apply} and {@code trigger} with the
 * example files, ending with the page in the admin's mailbox (GreenMail, reached by the SMTP
 * vendor as a real mail server would be). Only the values the README leaves to the operator
 * differ: ports, host names and secrets.
 */
final class OperatorPathTest
{
    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(3);
    private static final Duration DELIVERY_LIMIT = Duration.ofSeconds(90);
    private static final Pattern INCIDENT_ID = Pattern.compile("(?m)^\\D*(\\d+)\\D*$");

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final Path output = SuitePaths.root().resolve("iris-faults").resolve("target").resolve("operator-path");
    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop()
            throws Exception
    {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void theReadmesFirstDeploymentEndsWithAPageDelivered()
            throws Exception
    {
        SuitePaths.deleteRecursively(output);
        MariaDbServer server = MariaDbServer.startNew("mariadb-operator", output.resolve("data"));
        running.add(server);
        String dbPassword = Secrets.issue("operator path database password", 12);
        server.createUser("iris", dbPassword, "iris");
        Map<String, String> environment = new HashMap<>(Map.of(
                "IRIS_DB_URL", server.operatorUrl("iris"),
                "IRIS_DB_USER", "iris",
                "IRIS_DB_PASSWORD", dbPassword));

        // 1. db migrate creates the missing database and applies the migrations.
        String migrate = run("db-migrate", environment, "db", "migrate", "configs/iris-api.yaml");
        assertThat(migrate).contains("Created the database.", "Applied V1 ", "the schema is current");

        // 2. bootstrap prints the keys and the one-time password; a second run changes nothing.
        BootstrapOutput bootstrap = BootstrapOutput.parse(run("bootstrap", environment, "bootstrap", "configs/iris-api.yaml",
                "--admin", "alice", "--email", "alice@example.com"));
        assertThat(run("bootstrap-again", environment, "bootstrap", "configs/iris-api.yaml", "--admin", "alice")).contains("Nothing to do");

        // 3. the three processes, configured as the README says.
        int apiPort = Ports.free();
        Map<String, String> api = new HashMap<>(environment);
        api.put("IRIS_UI_SESSION_SECRET", Secrets.issue("operator path session secret", 32));
        api.put("IRIS_API_PORT", String.valueOf(apiPort));
        int apiAdmin = Ports.free();
        api.put("IRIS_API_ADMIN_PORT", String.valueOf(apiAdmin));
        running.add(IrisProcess.startByScript("operator-api", "api", "iris-api", api, apiAdmin, output.resolve("iris-api.log")));

        Map<String, String> sender = new HashMap<>(environment);
        sender.put("IRIS_VENDORS", "[{type: smtp, name: smtp, config: {smtp_server: 127.0.0.1, port: " + MAIL.getSmtp().getPort()
                + ", tls: none, from: \"Iris <iris@example.com>\"}}]");
        int senderAdmin = Ports.free();
        sender.put("IRIS_SENDER_ADMIN_PORT", String.valueOf(senderAdmin));
        running.add(IrisProcess.startByScript("operator-sender", "sender", "iris-sender", sender, senderAdmin, output.resolve("iris-sender.log")));

        Map<String, String> relay = new HashMap<>();
        relay.put("IRIS_API_URL", "http://localhost:" + apiPort);
        relay.put("IRIS_RELAY_KEY", bootstrap.relayKey());
        relay.put("IRIS_RELAY_PORT", String.valueOf(Ports.free()));
        int relayAdmin = Ports.free();
        relay.put("IRIS_RELAY_ADMIN_PORT", String.valueOf(relayAdmin));
        running.add(IrisProcess.startByScript("operator-relay", "relay", "iris-relay", relay, relayAdmin, output.resolve("iris-relay.log")));

        // 4. the admin's first login, then an application of their own triggering an incident.
        UiLogin.Result login = UiLogin.firstLogin(java.net.URI.create("http://localhost:" + apiPort), "alice", bootstrap.oneTimePassword());
        assertThat(login.pageStatus()).as("the first login: %s", login).isEqualTo(200);
        assertThat(login.page()).contains("Log out alice");

        Map<String, String> cli = new HashMap<>(Map.of(
                "IRIS_URL", "http://localhost:" + apiPort,
                "IRIS_APP", "iris",
                "IRIS_KEY", bootstrap.irisKey(),
                "IRIS_USER", "alice"));
        String created = run("app-create", cli, "app", "create", "my-service", "--variables", "title,host,severity");
        String serviceKey = created.lines().filter(line -> line.matches("[A-Za-z0-9_-]{16,}")).reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("app create printed no key: " + created));
        Secrets.record("operator path key of my-service", serviceKey);
        run("template-apply", cli, "template", "apply", "configs/examples/template.yaml");
        run("plan-apply", cli, "plan", "apply", "configs/examples/plan.yaml");

        Map<String, String> service = new HashMap<>(cli);
        service.put("IRIS_APP", "my-service");
        service.put("IRIS_KEY", serviceKey);
        service.put("IRIS_USER", "");
        String triggered = run("trigger", service, "trigger", "service-oncall", "title=Disk full", "host=db-01");
        Matcher incident = INCIDENT_ID.matcher(triggered);
        assertThat(incident.find()).as("trigger printed an incident id: %s", triggered).isTrue();

        MimeMessage page = awaitMail("alice@example.com");
        assertThat(page.getSubject()).contains("Disk full");
        assertThat(GreenMailUtil.getBody(page)).contains("Disk full on db-01");
    }

    /**
     * {@code ./iris <arguments>}; fails the test on a non-zero exit, with what it printed.
     */
    private String run(String name, Map<String, String> environment, String... arguments)
            throws IOException
    {
        Path file = output.resolve("terminal").resolve(name + ".txt");
        int exit = IrisProcess.runScript("operator-" + name, List.of(arguments), environment, file, COMMAND_LIMIT);
        String printed = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(exit).as("./iris %s exited with %d:\n%s", String.join(" ", arguments), exit, OsProcess.tail(file, 40)).isZero();
        return printed;
    }

    private static MimeMessage awaitMail(String recipient)
            throws Exception
    {
        Deadline deadline = Deadline.after(DELIVERY_LIMIT);
        while (true) {
            for (MimeMessage message : MAIL.getReceivedMessages()) {
                if (java.util.Arrays.stream(message.getAllRecipients()).anyMatch(address -> address.toString().contains(recipient))) {
                    return message;
                }
            }
            if (deadline.passed()) {
                throw new AssertionError("no page reached " + recipient + " within " + DELIVERY_LIMIT);
            }
            deadline.pause(Duration.ofMillis(250));
        }
    }
}
