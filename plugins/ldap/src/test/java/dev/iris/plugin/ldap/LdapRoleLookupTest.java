package dev.iris.plugin.ldap;

import dev.iris.spi.IrisPlugin;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;
import dev.iris.spi.PluginContext;
import dev.iris.spi.rolelookup.RoleLookup;
import dev.iris.spi.rolelookup.RoleLookupException;
import dev.iris.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class LdapRoleLookupTest
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
    void isRegisteredAsAPlugin()
    {
        List<IrisPlugin> plugins = ServiceLoader.load(IrisPlugin.class).stream().map(ServiceLoader.Provider::get).toList();

        assertThat(plugins.stream().flatMap(plugin -> plugin.getRoleLookupFactories().stream()).map(factory -> factory.getName())).contains("ldap");
        assertThat(plugins.stream().flatMap(plugin -> plugin.getAuthenticatorFactories().stream()).map(factory -> factory.getName())).contains("ldap");
        assertThat(plugins.stream().flatMap(plugin -> plugin.getPeriodicTaskFactories().stream()).map(factory -> factory.getName())).contains("ldap-sync");
    }

    @Test
    void expandsTeamsManagersAndMailingLists()
            throws Exception
    {
        try (RoleLookup lookup = lookup(Map.of())) {
            assertThat(lookup.lookup("team", "db-team")).contains(List.of("alice", "bob"));
            assertThat(lookup.lookup("manager", "db-team")).contains(List.of("carol"));
            assertThat(lookup.lookup("mailing-list", "db@example.com")).contains(List.of("alice", "dave"));
        }
    }

    @Test
    void followsNestedGroups()
            throws Exception
    {
        try (RoleLookup lookup = lookup(Map.of())) {
            assertThat(lookup.lookup("team", "web-team")).hasValueSatisfying(users -> assertThat(users).containsExactlyInAnyOrder("alice", "bob", "erin"));
        }
    }

    @Test
    void isNotMineForUnknownTargetsOtherRolesAndFilterSyntax()
            throws Exception
    {
        try (RoleLookup lookup = lookup(Map.of())) {
            assertThat(lookup.lookup("team", "no-such-team")).isEmpty();
            assertThat(lookup.lookup("team", "*")).isEmpty();
            assertThat(lookup.lookup("team", "db-team)(cn=*")).isEmpty();
            assertThat(lookup.lookup("user", "alice")).isEmpty();
            assertThat(lookup.lookup("oncall-primary", "db-team")).isEmpty();
        }
    }

    @Test
    void readsLargeDirectoriesInPages()
            throws Exception
    {
        LdapDirectoryConfig config = LdapDirectoryConfig.from(new PluginConfig("ldap-test", directory.directorySettings()), java.util.Set.of());
        try (LdapDirectory paged = new LdapDirectory(config, 2)) {
            assertThat(paged.allPeople()).extracting(LdapDirectory.Person::username).containsExactlyInAnyOrder("alice", "bob", "carol", "dave", "erin");
            assertThat(paged.allTeams()).extracting(LdapDirectory.Group::name).containsExactlyInAnyOrder("db-team", "web-team");
        }
    }

    @Test
    void leavesLargeListsToTheNextLookup()
            throws Exception
    {
        try (RoleLookup lookup = lookup(Map.of("max_list_members", "2"))) {
            assertThat(lookup.lookup("mailing-list", "db@example.com")).isEmpty();
        }
    }

    @Test
    void directoryFailuresAreExplainedWithoutThePassword()
    {
        RoleLookup lookup = lookup(Map.of("timeout", "2"));
        directory.close();

        try (LogCapture logs = LogCapture.captureAll()) {
            RoleLookupException failure = catchThrowableOfType(RoleLookupException.class, () -> lookup.lookup("team", "db-team"));

            assertThat(failure.getMessage()).contains("LDAP lookup of team db-team at 127.0.0.1 failed").doesNotContain(TestingDirectory.SERVICE_PASSWORD);
            assertThat(logs.text()).doesNotContain(TestingDirectory.SERVICE_PASSWORD);
        }
    }

    @Test
    void wrongServicePasswordIsAFailure()
    {
        RoleLookup lookup = lookup(Map.of("bind_password", "wrong-password"));

        RoleLookupException failure = catchThrowableOfType(RoleLookupException.class, () -> lookup.lookup("team", "db-team"));

        assertThat(failure.getMessage()).contains("invalid credentials").doesNotContain("wrong-password");
    }

    @Test
    void configurationErrorsNameTheKey()
    {
        assertConfigError(Map.of("url", "http://directory"), "url");
        assertConfigError(Map.of("user_base_dn", "not a dn"), "user_base_dn");
        assertConfigError(Map.of("team_filter", "(broken"), "team_filter");
        assertConfigError(Map.of("username_attribute", "u id"), "username_attribute");
        assertConfigError(Map.of("start_tls", "sometimes"), "start_tls");
        assertConfigError(Map.of("base_dn", "dc=example,dc=com"), "base_dn");
        Map<String, String> noPassword = new java.util.HashMap<>(directory.directorySettings());
        noPassword.remove("bind_password");
        assertThatThrownBy(() -> new LdapRoleLookupFactory().create(new PluginConfig("ldap-test", noPassword), new PluginContext() {}))
                .isInstanceOfSatisfying(PluginConfigException.class, exception -> assertThat(exception.getKey()).isEqualTo("bind_password"));
    }

    private void assertConfigError(Map<String, String> overrides, String key)
    {
        Map<String, String> settings = new java.util.HashMap<>(directory.directorySettings());
        settings.putAll(overrides);
        assertThatThrownBy(() -> new LdapRoleLookupFactory().create(new PluginConfig("ldap-test", settings), new PluginContext() {}))
                .isInstanceOfSatisfying(PluginConfigException.class, exception -> assertThat(exception.getKey()).isEqualTo(key))
                .hasMessageNotContaining(TestingDirectory.SERVICE_PASSWORD);
    }

    private RoleLookup lookup(Map<String, String> overrides)
    {
        Map<String, String> settings = new java.util.HashMap<>(directory.directorySettings());
        settings.putAll(overrides);
        return new LdapRoleLookupFactory().create(new PluginConfig("ldap-test", settings), new PluginContext() {});
    }
}
