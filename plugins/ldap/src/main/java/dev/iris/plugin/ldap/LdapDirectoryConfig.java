package dev.iris.plugin.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Where people, teams and mailing lists live in a directory, shared by the {@code ldap} role
 * lookup and the {@code ldap-sync} task. Besides the {@link LdapServerConfig} keys:
 * <ul>
 * <li>{@code user_base_dn} (required), {@code user_filter} (default {@code (objectClass=person)}),
 * {@code username_attribute} ({@code uid}; {@code sAMAccountName} on Active Directory),
 * {@code email_attribute} ({@code mail}), {@code mobile_attribute} ({@code mobile});</li>
 * <li>{@code team_base_dn} (no team roles without it), {@code team_filter} (default
 * {@code (objectClass=groupOfNames)}), {@code team_name_attribute} ({@code cn}),
 * {@code team_manager_attribute} ({@code owner}: the DN of the team's manager);</li>
 * <li>{@code list_base_dn} (no mailing-list role without it), {@code list_filter} (default
 * {@code (objectClass=groupOfNames)}), {@code list_name_attribute} ({@code mail});</li>
 * <li>{@code member_attribute} ({@code member}: member DNs; nested groups are followed);</li>
 * <li>{@code max_list_members}: lists with at least this many members are not expanded (Iris's
 * {@code ldap_lists.max_unrolled_users}; default 0, no limit).</li>
 * </ul>
 */
record LdapDirectoryConfig(
        LdapServerConfig server,
        DN userBaseDn,
        Filter userFilter,
        String usernameAttribute,
        String emailAttribute,
        String mobileAttribute,
        Optional<DN> teamBaseDn,
        Filter teamFilter,
        String teamNameAttribute,
        String teamManagerAttribute,
        Optional<DN> listBaseDn,
        Filter listFilter,
        String listNameAttribute,
        String memberAttribute,
        int maxListMembers)
{
    static final Set<String> KEYS = Set.of(
            LdapServerConfig.URL, LdapServerConfig.START_TLS, LdapServerConfig.BIND_DN, LdapServerConfig.BIND_PASSWORD, LdapServerConfig.TIMEOUT,
            LdapServerConfig.CA_CERT_PATH,
            "user_base_dn", "user_filter", "username_attribute", "email_attribute", "mobile_attribute",
            "team_base_dn", "team_filter", "team_name_attribute", "team_manager_attribute",
            "list_base_dn", "list_filter", "list_name_attribute", "member_attribute", "max_list_members");

    LdapDirectoryConfig
    {
        requireNonNull(server, "server is null");
        requireNonNull(userBaseDn, "userBaseDn is null");
        requireNonNull(teamBaseDn, "teamBaseDn is null");
        requireNonNull(listBaseDn, "listBaseDn is null");
    }

    /**
     * Reads the directory settings; {@code extraKeys} are the caller's own settings, also allowed.
     */
    static LdapDirectoryConfig from(PluginConfig config, Set<String> extraKeys)
    {
        Set<String> allowed = new HashSet<>(KEYS);
        allowed.addAll(extraKeys);
        config.rejectUnknownKeys(allowed);
        int maxListMembers = config.intValue("max_list_members", 0);
        if (maxListMembers < 0) {
            throw new PluginConfigException("max_list_members", "must be 0 (no limit) or more");
        }
        return new LdapDirectoryConfig(
                LdapServerConfig.from(config, LdapServerConfig.URL, LdapServerConfig.START_TLS, LdapServerConfig.BIND_DN, LdapServerConfig.BIND_PASSWORD,
                        LdapServerConfig.TIMEOUT, LdapServerConfig.CA_CERT_PATH),
                dn(config, "user_base_dn", config.required("user_base_dn")),
                filter(config, "user_filter", "(objectClass=person)"),
                attribute(config, "username_attribute", "uid"),
                attribute(config, "email_attribute", "mail"),
                attribute(config, "mobile_attribute", "mobile"),
                config.optional("team_base_dn").map(value -> dn(config, "team_base_dn", value)),
                filter(config, "team_filter", "(objectClass=groupOfNames)"),
                attribute(config, "team_name_attribute", "cn"),
                attribute(config, "team_manager_attribute", "owner"),
                config.optional("list_base_dn").map(value -> dn(config, "list_base_dn", value)),
                filter(config, "list_filter", "(objectClass=groupOfNames)"),
                attribute(config, "list_name_attribute", "mail"),
                attribute(config, "member_attribute", "member"),
                maxListMembers);
    }

    private static DN dn(PluginConfig config, String key, String value)
    {
        try {
            return new DN(value.trim());
        }
        catch (LDAPException e) {
            throw new PluginConfigException(key, "must be a distinguished name such as ou=people,dc=example,dc=com");
        }
    }

    private static Filter filter(PluginConfig config, String key, String defaultValue)
    {
        try {
            return Filter.create(config.optional(key).orElse(defaultValue).trim());
        }
        catch (LDAPException e) {
            throw new PluginConfigException(key, "must be an LDAP filter such as (objectClass=person)");
        }
    }

    private static String attribute(PluginConfig config, String key, String defaultValue)
    {
        String value = config.optional(key).orElse(defaultValue).trim();
        if (!value.matches("[A-Za-z][A-Za-z0-9-]*")) {
            throw new PluginConfigException(key, "must be an attribute name");
        }
        return value;
    }
}
