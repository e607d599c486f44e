package dev.iris.faults.harness;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.testing.seed.SeedWriter;
import dev.iris.testing.fakes.FakeWebhookReceiver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One scenario's own corner of a deployment: an application with a generated key, three users
 * whose contacts (in every mode the webhook vendor serves) are URLs on the scenario's receiver, a
 * team of the second and third user, and a template. Names carry the scenario's prefix, so
 * scenarios sharing a database never page each other's people, and the ledger of a scenario is
 * the messages of its application.
 *
 * <p>People, the application and the template are written with {@link SeedWriter} (the API
 * cannot create users, as in Iris, where they come from a directory sync); plans and incidents
 * go through the API, as an operator's tooling does.
 */
public final class Tenant
{
    public static final List<String> MODES = List.of("sms", "call", "email", "webhook");

    private final String prefix;
    private final String application;
    private final String key;
    private final long applicationId;
    private final List<String> users;
    private final String team;
    private final String template;
    private final IrisDeployment deployment;

    private Tenant(String prefix, String application, String key, long applicationId, List<String> users, String team, String template,
            IrisDeployment deployment)
    {
        this.prefix = prefix;
        this.application = application;
        this.key = key;
        this.applicationId = applicationId;
        this.users = List.copyOf(users);
        this.team = team;
        this.template = template;
        this.deployment = deployment;
    }

    public static Tenant seed(IrisDeployment deployment, String prefix, FakeWebhookReceiver receiver)
    {
        requireNonNull(receiver, "receiver is null");
        return seed(deployment, prefix, receiver::url);
    }

    /**
     * As {@link #seed(IrisDeployment, String, FakeWebhookReceiver)}, with the contacts on any
     * receiver: {@code urlOf} turns a path starting with {@code /} into its URL.
     */
    public static Tenant seed(IrisDeployment deployment, String prefix, java.util.function.UnaryOperator<String> urlOf)
    {
        requireNonNull(urlOf, "urlOf is null");
        String application = prefix + "-app";
        String key = Secrets.issue("key of application " + application, 16);
        List<String> users = List.of(prefix + "-u1", prefix + "-u2", prefix + "-u3");
        String team = prefix + "-team";
        String template = prefix + "-template";
        long applicationId = deployment.jdbi().inTransaction(handle -> {
            SeedWriter seed = new SeedWriter(handle);
            long app = seed.application(application, key, true, List.of("title", "n"));
            List<Long> ids = new ArrayList<>();
            for (String user : users) {
                Map<String, String> contacts = new LinkedHashMap<>();
                for (String mode : MODES) {
                    contacts.put(mode, urlOf.apply("/u/" + user + "/" + mode));
                }
                ids.add(seed.user(user, false, contacts));
            }
            seed.team(team, ids.subList(1, ids.size()));
            seed.owner(app, ids.get(0));
            seed.template(template, ids.get(0), app, MODES, "{{ title }} #{{ n }}", "Incident {{ iris.incident_id }} of {{ iris.application }}: {{ title }}");
            return app;
        });
        return new Tenant(prefix, application, key, applicationId, users, team, template, deployment);
    }

    /**
     * One notification per step, for {@link #createPlan}.
     */
    public record Step(String role, String target, int repeat, int waitSeconds) {}

    /**
     * Creates the plan through {@code POST /v0/plans}; aggregation is set out of reach, so every
     * message owed is one delivery.
     */
    public String createPlan(String suffix, List<Step> steps)
    {
        String plan = prefix + "-" + suffix;
        List<List<Map<String, Object>>> body = new ArrayList<>();
        for (Step step : steps) {
            Map<String, Object> notification = new LinkedHashMap<>();
            notification.put("role", step.role());
            notification.put("target", step.target());
            notification.put("priority", "high");
            notification.put("repeat", step.repeat());
            notification.put("wait", step.waitSeconds());
            notification.put("template", template);
            body.add(List.of(notification));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", plan);
        request.put("creator", users.get(0));
        request.put("description", "fault suite plan " + plan);
        request.put("threshold_window", 60);
        request.put("threshold_count", 100000);
        request.put("aggregation_window", 60);
        request.put("aggregation_reset", 60);
        request.put("steps", body);
        IrisTestClient.Response response = client().post("/v0/plans", request);
        if (response.status() != 201) {
            throw new IllegalStateException("POST /v0/plans answered " + response + "\n" + deployment.api().tail());
        }
        return plan;
    }

    public IrisTestClient client()
    {
        return IrisTestClient.signedAs(deployment.apiUri(), application, key);
    }

    public String application()
    {
        return application;
    }

    public String key()
    {
        return key;
    }

    public long applicationId()
    {
        return applicationId;
    }

    public String user(int index)
    {
        return users.get(index);
    }

    public String team()
    {
        return team;
    }

    public String prefix()
    {
        return prefix;
    }
}
