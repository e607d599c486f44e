package dev.iris.core.request;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class QueryValuesTest
{
    @Test
    void queryBooleansAreFalcons()
    {
        assertThat(QueryValues.parseBoolean(" Yes ")).isTrue();
        assertThat(QueryValues.parseBoolean("off")).isFalse();
        assertThat(QueryValues.booleanValue("perhaps")).isEmpty();
        assertThatThrownBy(() -> QueryValues.parseBoolean("perhaps")).hasMessage("Invalid parameter: 'perhaps' is not a boolean");
    }
}
