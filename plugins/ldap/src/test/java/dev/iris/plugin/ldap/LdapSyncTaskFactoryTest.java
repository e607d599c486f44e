package dev.iris.plugin.ldap;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;
import dev.iris.spi.PluginContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class LdapSyncTaskFactoryTest
{
    @Test
    void configurationErrorsNameTheKeyBeforeTouchingTheDatabase()
    {
        assertConfigError(Map.of("interval_seconds", "5"), "interval_seconds");
        assertConfigError(Map.of("default_country_code", "+1"), "default_country_code");
        assertConfigError(Map.of("deactivate_missing_users", "maybe"), "deactivate_missing_users");
        assertConfigError(Map.of("intervall_seconds", "600"), "intervall_seconds");
        assertConfigError(Map.of("user_base_dn", ""), "user_base_dn");
    }

    @Test
    void bindPasswordIsASecret()
    {
        assertThat(new LdapSyncTaskFactory().getSecuritySensitivePropertyNames()).containsExactly("bind_password");
        assertThat(new LdapSyncTaskFactory().getName()).isEqualTo("ldap-sync");
    }

    private static void assertConfigError(Map<String, String> overrides, String key)
    {
        Map<String, String> settings = new HashMap<>();
        settings.put("url", "ldap://127.0.0.1:1");
        settings.put("bind_dn", TestingDirectory.SERVICE_DN);
        settings.put("bind_password", TestingDirectory.SERVICE_PASSWORD);
        settings.put("user_base_dn", TestingDirectory.PEOPLE);
        settings.putAll(overrides);
        // The default context has no database: validation must fail before it is needed.
        assertThatThrownBy(() -> new LdapSyncTaskFactory().create(new PluginConfig("ldap-sync-test", settings), new PluginContext() {}))
                .isInstanceOfSatisfying(PluginConfigException.class, exception -> assertThat(exception.getKey()).isEqualTo(key))
                .hasMessageNotContaining(TestingDirectory.SERVICE_PASSWORD);
    }
}
