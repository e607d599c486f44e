package dev.iris.api.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class TemplateDraftTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void formRowsBecomeContentPerApplicationAndMode()
    {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle("name", "default");
        form.putSingle("content.0.application", "grafana");
        form.putSingle("content.0.mode", "email");
        form.putSingle("content.0.subject", "{{ title }}");
        form.putSingle("content.0.body", "body 1");
        form.putSingle("content.1.application", "grafana");
        form.putSingle("content.1.mode", "sms");
        form.putSingle("content.1.subject", "");
        form.putSingle("content.1.body", "body 2");
        ObjectNode body = TemplateDraft.fromForm(form).toRequest(JSON, "alice");
        assertThat(body.get("creator").asText()).isEqualTo("alice");
        assertThat(body.at("/content/grafana/email/subject").asText()).isEqualTo("{{ title }}");
        assertThat(body.at("/content/grafana/sms/body").asText()).isEqualTo("body 2");
        assertThat(TemplateDraft.fromTemplate(body)).isEqualTo(TemplateDraft.fromForm(form));
    }

    @Test
    void addingARowTwiceKeepsOne()
    {
        TemplateDraft draft = new TemplateDraft("t", java.util.List.of()).withContent("grafana", "email");
        assertThat(draft.withContent("grafana", "email").contents()).hasSize(1);
        assertThat(draft.withContent("grafana", "sms").contents()).hasSize(2);
        assertThat(draft.withContent("", "sms")).isEqualTo(draft);
        assertThat(draft.withoutContent(0).contents()).isEmpty();
        assertThat(draft.withoutContent(3)).isEqualTo(draft);
    }
}
