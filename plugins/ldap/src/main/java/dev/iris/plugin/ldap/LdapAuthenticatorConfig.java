package dev.iris.plugin.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;

import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The LDAP login settings, with Iris's keys: {@code ldap_url}, {@code ldap_user_suffix},
 * {@code ldap_bind_user}, {@code ldap_bind_password}, {@code ldap_base_dn} and
 * {@code ldap_search_filter} ({@code %s} stands for the username; default {@code (uid=%s)}),
 * {@code ldap_cert_path} (a PEM file of CA certificates to trust).
 * Added: {@code ldap_user_dn_template} (such as {@code uid={0},ou=people,dc=example,dc=com}),
 * {@code ldap_start_tls} and {@code timeout}.
 *
 * <p>How the user's DN is found: with {@code ldap_bind_user}, by searching {@code ldap_base_dn}
 * with the filter as that service account; otherwise from the template, or as
 * {@code username + ldap_user_suffix} (Active Directory's {@code user@domain}).
 */
record LdapAuthenticatorConfig(
        LdapServerConfig server,
        Optional<DN> searchBase,
        String searchFilter,
        Optional<String> userDnTemplate,
        Optional<String> userSuffix)
{
    static final String URL = "ldap_url";
    static final String START_TLS = "ldap_start_tls";
    static final String BIND_USER = "ldap_bind_user";
    static final String BIND_PASSWORD = "ldap_bind_password";
    static final String BASE_DN = "ldap_base_dn";
    static final String SEARCH_FILTER = "ldap_search_filter";
    static final String USER_SUFFIX = "ldap_user_suffix";
    static final String USER_DN_TEMPLATE = "ldap_user_dn_template";
    static final String TIMEOUT = "timeout";
    static final String CERT_PATH = "ldap_cert_path";

    private static final Set<String> KEYS = Set.of(URL, START_TLS, BIND_USER, BIND_PASSWORD, BASE_DN, SEARCH_FILTER, USER_SUFFIX, USER_DN_TEMPLATE, TIMEOUT, CERT_PATH);

    LdapAuthenticatorConfig
    {
        requireNonNull(server, "server is null");
        requireNonNull(searchBase, "searchBase is null");
        requireNonNull(searchFilter, "searchFilter is null");
        requireNonNull(userDnTemplate, "userDnTemplate is null");
        requireNonNull(userSuffix, "userSuffix is null");
    }

    static LdapAuthenticatorConfig from(PluginConfig config)
    {
        config.rejectUnknownKeys(KEYS);
        LdapServerConfig server = LdapServerConfig.from(config, URL, START_TLS, BIND_USER, BIND_PASSWORD, TIMEOUT, CERT_PATH);
        Optional<DN> searchBase = config.optional(BASE_DN).map(value -> {
            try {
                return new DN(value.trim());
            }
            catch (LDAPException e) {
                throw new PluginConfigException(BASE_DN, "must be a distinguished name such as ou=people,dc=example,dc=com");
            }
        });
        String searchFilter = config.optional(SEARCH_FILTER).orElse("(uid=%s)").trim();
        if (!searchFilter.contains("%s")) {
            throw new PluginConfigException(SEARCH_FILTER, "must contain %s where the username goes");
        }
        Optional<String> template = config.optional(USER_DN_TEMPLATE).map(String::trim);
        if (template.isPresent() && !template.get().contains("{0}")) {
            throw new PluginConfigException(USER_DN_TEMPLATE, "must contain {0} where the username goes");
        }
        Optional<String> suffix = config.optional(USER_SUFFIX);
        if (server.bindDn().isPresent()) {
            if (searchBase.isEmpty()) {
                throw new PluginConfigException(BASE_DN, "is required with " + BIND_USER + ", to search for the user");
            }
        }
        else if (template.isEmpty() && suffix.isEmpty()) {
            throw new PluginConfigException(USER_SUFFIX, "or " + USER_DN_TEMPLATE + " or " + BIND_USER + " is required, to find the user's DN");
        }
        return new LdapAuthenticatorConfig(server, searchBase, searchFilter, template, suffix);
    }
}
