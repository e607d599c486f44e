package dev.iris.server.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class QuerySecretsTest
{
    @Test
    void hidesSecretParameterValuesAndKeepsTheRest()
    {
        assertThat(QuerySecrets.redact("POST /v0/webhooks/generic?application=app&key=abc123&plan=p HTTP/1.1"))
                .isEqualTo("POST /v0/webhooks/generic?application=app&key=***&plan=p HTTP/1.1");
        assertThat(QuerySecrets.redactQuery("KEY=abc&Access_Token=t0k&user=alice&sig=x%2By"))
                .isEqualTo("KEY=***&Access_Token=***&user=alice&sig=***");
        assertThat(QuerySecrets.redact("see \"https://h/x?token=abc#frag\" and 'https://h/y;password=p'"))
                .isEqualTo("see \"https://h/x?token=***#frag\" and 'https://h/y;password=***'");
    }

    @Test
    void matchesWholeParameterNamesOnly()
    {
        assertThat(QuerySecrets.redactQuery("monkey=1&keys=2&dedup_key=3&author=4")).isEqualTo("monkey=1&keys=2&dedup_key=3&author=4");
        assertThat(QuerySecrets.redact("key=value without a query")).isEqualTo("key=value without a query");
        assertThat(QuerySecrets.redact(null)).isNull();
    }
}
