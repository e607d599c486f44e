package dev.iris.api.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.common.http.IrisException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class PlanDraftTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MultivaluedMap<String, String> form()
    {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle("name", " web ");
        form.putSingle("description", "Web on-call");
        form.putSingle("thresholdCount", "10");
        form.putSingle("thresholdMinutes", "5");
        form.putSingle("aggregationMinutes", "2.5");
        form.putSingle("resetMinutes", "");
        form.putSingle("step.0.0.role", "user");
        form.putSingle("step.0.0.target", "alice");
        form.putSingle("step.0.0.priority", "high");
        form.putSingle("step.0.0.template", "default");
        form.putSingle("step.0.0.count", "3");
        form.putSingle("step.0.0.waitMinutes", "5");
        form.putSingle("step.1.0.role", "team");
        form.putSingle("step.1.0.target", "ops");
        form.putSingle("step.1.0.priority", "urgent");
        form.putSingle("step.1.0.template", "default");
        form.putSingle("step.1.0.count", "1");
        form.putSingle("step.1.0.waitMinutes", "0");
        form.putSingle("step.1.0.optional", "on");
        return form;
    }

    @Test
    void formBecomesTheApiBodyInSecondsAndRepeats()
    {
        ObjectNode body = PlanDraft.fromForm(form()).toRequest(JSON, "alice");
        assertThat(body.get("name").asText()).isEqualTo("web");
        assertThat(body.get("creator").asText()).isEqualTo("alice");
        assertThat(body.get("threshold_count").asLong()).isEqualTo(10);
        assertThat(body.get("threshold_window").asLong()).isEqualTo(300);
        assertThat(body.get("aggregation_window").asLong()).isEqualTo(150);
        assertThat(body.has("aggregation_reset")).isFalse();
        assertThat(body.has("tracking_type")).isFalse();
        JsonNode first = body.get("steps").get(0).get(0);
        assertThat(first.get("repeat").asLong()).isEqualTo(2);
        assertThat(first.get("wait").asLong()).isEqualTo(300);
        assertThat(first.get("optional").asInt()).isZero();
        assertThat(body.get("steps").get(1).get(0).get("optional").asInt()).isEqualTo(1);
    }

    @Test
    void textThatIsNoNumberGoesToTheServiceAsIs()
    {
        MultivaluedMap<String, String> form = form();
        form.putSingle("step.0.0.waitMinutes", "soon");
        ObjectNode body = PlanDraft.fromForm(form).toRequest(JSON, "alice");
        assertThat(body.get("steps").get(0).get(0).get("wait").asText()).isEqualTo("soon");
    }

    @Test
    void storedPlanRoundTripsThroughTheEditor()
    {
        ObjectNode body = PlanDraft.fromForm(form()).toRequest(JSON, "alice");
        PlanDraft again = PlanDraft.fromPlan(body);
        assertThat(again.steps()).hasSize(2);
        assertThat(again.steps().get(0).get(0).count()).isEqualTo("3");
        assertThat(again.steps().get(0).get(0).waitMinutes()).isEqualTo("5");
        assertThat(again.aggregationMinutes()).isEqualTo("2.5");
        assertThat(again.toRequest(JSON, "alice")).isEqualTo(body);
    }

    @Test
    void rowsCanBeAddedAndRemoved()
    {
        PlanDraft draft = PlanDraft.fromForm(form());
        assertThat(draft.withStepAdded().steps()).hasSize(3);
        assertThat(draft.withNotificationAdded(0).steps().get(0)).hasSize(2);
        assertThat(draft.withNotificationAdded(7)).isEqualTo(draft);
        assertThat(draft.withNotificationRemoved(1, 0).steps()).as("an emptied step goes").hasSize(1);
        assertThat(draft.withNotificationRemoved(5, 5)).isEqualTo(draft);
    }

    @Test
    void yamlExportImportsAsTheSameBody()
    {
        PlanYaml yaml = new PlanYaml();
        ObjectNode stored = PlanDraft.fromForm(form()).toRequest(JSON, "alice");
        stored.put("id", 12);
        stored.put("created", 1700000000);
        String text = yaml.export(stored);
        assertThat(text).contains("name: web").doesNotContain("id:").doesNotContain("created").doesNotContain("creator");
        assertThat(text).as("durations as people write them").containsPattern("wait: \\d+[dhms]");
        ObjectNode imported = yaml.toRequest(text, "bob");
        assertThat(imported.get("creator").asText()).isEqualTo("bob");
        assertThat(imported.get("steps").toString()).isEqualTo(stored.get("steps").toString());
    }

    @Test
    void badYamlIsA400WithThePosition()
    {
        PlanYaml yaml = new PlanYaml();
        assertThatThrownBy(() -> yaml.toRequest("name: web\nsteps: [[{role: user", "bob"))
                .isInstanceOfSatisfying(IrisException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.description()).contains("line");
                });
        assertThatThrownBy(() -> yaml.toRequest("- just\n- a list", "bob"))
                .isInstanceOfSatisfying(IrisException.class, e -> assertThat(e.description()).startsWith("A plan must be a mapping"));
        assertThatThrownBy(() -> yaml.toRequest("  ", "bob"))
                .isInstanceOfSatisfying(IrisException.class, e -> assertThat(e.title()).isEqualTo("Invalid YAML"));
    }
}
