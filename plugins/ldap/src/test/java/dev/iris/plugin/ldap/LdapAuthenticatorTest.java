package dev.iris.plugin.ldap;

import dev.iris.spi.Authenticator;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;
import dev.iris.spi.PluginContext;
import dev.iris.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class LdapAuthenticatorTest
{
    private TestingDirectory directory;

    @BeforeEach
    void startDirectory()
            throws Exception
    {
        directory = new TestingDirectory();
    }

    @AfterEach
    void stopDirectory()
    {
        directory.close();
    }

    @Test
    void searchesWithTheServiceAccountThenBindsAsTheUser()
    {
        Authenticator authenticator = authenticator(searchSettings());

        assertThat(authenticator.authenticate("alice", "alice-password".toCharArray())).isTrue();
        assertThat(authenticator.authenticate("alice", "bob-password".toCharArray())).isFalse();
        assertThat(authenticator.authenticate("nobody", "nobody-password".toCharArray())).isFalse();
        assertThat(authenticator.authenticate("*", "alice-password".toCharArray())).isFalse();
    }

    @Test
    void bindsWithADnTemplateWithoutServiceAccount()
    {
        Authenticator authenticator = authenticator(Map.of(
                "ldap_url", directory.url(),
                "ldap_user_dn_template", "uid={0}," + TestingDirectory.PEOPLE));

        assertThat(authenticator.authenticate("bob", "bob-password".toCharArray())).isTrue();
        assertThat(authenticator.authenticate("bob", "wrong".toCharArray())).isFalse();
        assertThat(authenticator.authenticate("bob,ou=people", "bob-password".toCharArray())).isFalse();
    }

    @Test
    void talksLdapsToADirectoryWhoseCaIsConfigured()
    {
        Authenticator trusting = authenticator(Map.of(
                "ldap_url", directory.ldapsUrl(),
                "ldap_cert_path", TestingDirectory.caCertificatePath(),
                "ldap_user_dn_template", "uid={0}," + TestingDirectory.PEOPLE));
        Authenticator untrusting = authenticator(Map.of(
                "ldap_url", directory.ldapsUrl(),
                "ldap_user_dn_template", "uid={0}," + TestingDirectory.PEOPLE));

        assertThat(trusting.authenticate("bob", "bob-password".toCharArray())).isTrue();
        assertThat(trusting.authenticate("bob", "wrong".toCharArray())).isFalse();
        // An unknown certificate is a failing directory, not a wrong password.
        assertThatThrownBy(() -> untrusting.authenticate("bob", "bob-password".toCharArray())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesEmptyPasswordsWhichLdapWouldTakeAsAnonymous()
    {
        Authenticator authenticator = authenticator(Map.of(
                "ldap_url", directory.url(),
                "ldap_user_dn_template", "uid={0}," + TestingDirectory.PEOPLE));

        assertThat(authenticator.authenticate("bob", new char[0])).isFalse();
        assertThat(authenticator.authenticate("", "x".toCharArray())).isFalse();
    }

    @Test
    void unreachableDirectoryIsAnErrorNotAWrongPassword()
    {
        Map<String, String> settings = new HashMap<>(searchSettings());
        settings.put("timeout", "2");
        Authenticator authenticator = authenticator(settings);
        directory.close();

        try (LogCapture logs = LogCapture.captureAll()) {
            IllegalStateException failure = catchThrowableOfType(IllegalStateException.class, () -> authenticator.authenticate("alice", "alice-password".toCharArray()));

            assertThat(failure.getMessage()).contains("cannot check passwords").doesNotContain("alice-password").doesNotContain(TestingDirectory.SERVICE_PASSWORD);
            assertThat(logs.text()).doesNotContain("alice-password").doesNotContain(TestingDirectory.SERVICE_PASSWORD);
        }
    }

    @Test
    void configurationErrorsNameTheKey()
    {
        assertConfigError(Map.of("ldap_url", directory.url()), "ldap_user_suffix");
        assertConfigError(Map.of("ldap_url", directory.url(), "ldap_bind_user", TestingDirectory.SERVICE_DN, "ldap_bind_password", "x"), "ldap_base_dn");
        assertConfigError(Map.of("ldap_url", directory.url(), "ldap_user_suffix", "@example.com", "ldap_search_filter", "(uid=*)"), "ldap_search_filter");
        assertConfigError(Map.of("ldap_url", directory.url(), "ldap_user_dn_template", "uid=x"), "ldap_user_dn_template");
        assertConfigError(Map.of("ldap_url", "nope", "ldap_user_suffix", "@example.com"), "ldap_url");
        assertConfigError(Map.of("ldap_url", directory.url(), "ldap_user_suffix", "@example.com", "ldap_cert", "x"), "ldap_cert");
        assertConfigError(Map.of("ldap_url", directory.url(), "ldap_user_suffix", "@example.com", "ldap_cert_path", "/no/such/ca.pem"), "ldap_cert_path");
    }

    private void assertConfigError(Map<String, String> settings, String key)
    {
        assertThatThrownBy(() -> authenticator(settings))
                .isInstanceOfSatisfying(PluginConfigException.class, exception -> assertThat(exception.getKey()).isEqualTo(key));
    }

    private Map<String, String> searchSettings()
    {
        return Map.of(
                "ldap_url", directory.url(),
                "ldap_bind_user", TestingDirectory.SERVICE_DN,
                "ldap_bind_password", TestingDirectory.SERVICE_PASSWORD,
                "ldap_base_dn", TestingDirectory.PEOPLE,
                "ldap_search_filter", "(&(objectClass=inetOrgPerson)(uid=%s))");
    }

    private static Authenticator authenticator(Map<String, String> settings)
    {
        return new LdapAuthenticatorFactory().create(new PluginConfig("ldap-login", settings), new PluginContext() {});
    }
}
