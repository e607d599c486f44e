package dev.iris.plugin.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;
import dev.iris.spi.PluginContext;
import dev.iris.spi.people.IrisPeople;
import dev.iris.spi.task.PeriodicTask;
import dev.iris.spi.task.PeriodicTaskFactory;

import java.time.Duration;
import java.util.Set;

/**
 * {@code type: ldap-sync} in a process's {@code tasks:}: the directory settings of
 * {@link LdapDirectoryConfig} plus {@code interval_seconds} (default 3600, at least 60),
 * {@code deactivate_missing_users} (default false) and {@code default_country_code} for mobile
 * numbers written without one (default 1). Writes through the plugin context's
 * {@link PluginContext#people()} (SPI version 3).
 */
public final class LdapSyncTaskFactory
        implements PeriodicTaskFactory
{
    static final String INTERVAL_SECONDS = "interval_seconds";
    static final String DEACTIVATE_MISSING_USERS = "deactivate_missing_users";
    static final String DEFAULT_COUNTRY_CODE = "default_country_code";

    @Override
    public String getName()
    {
        return "ldap-sync";
    }

    @Override
    public Set<String> getSecuritySensitivePropertyNames()
    {
        return Set.of(LdapServerConfig.BIND_PASSWORD);
    }

    @Override
    public PeriodicTask create(PluginConfig config, PluginContext context)
    {
        LdapDirectoryConfig directoryConfig = LdapDirectoryConfig.from(config, Set.of(INTERVAL_SECONDS, DEACTIVATE_MISSING_USERS, DEFAULT_COUNTRY_CODE));
        int interval = config.intValue(INTERVAL_SECONDS, 3600);
        if (interval < 60) {
            throw new PluginConfigException(INTERVAL_SECONDS, "must be at least 60");
        }
        String countryCode = config.optional(DEFAULT_COUNTRY_CODE).orElse("1").trim();
        if (!countryCode.matches("[1-9][0-9]{0,2}")) {
            throw new PluginConfigException(DEFAULT_COUNTRY_CODE, "must be a calling code such as 1 or 44");
        }
        boolean deactivate = config.booleanValue(DEACTIVATE_MISSING_USERS, false);
        IrisPeople people = context.people();
        try {
            return new LdapSyncTask(new LdapDirectory(directoryConfig), people, Duration.ofSeconds(interval), deactivate, countryCode);
        }
        catch (LDAPException e) {
            throw new PluginConfigException(LdapServerConfig.URL, "cannot set up the connection: " + e.getResultCode());
        }
    }
}
