package dev.iris.spi;

import dev.iris.spi.rolelookup.RoleLookupFactory;
import dev.iris.spi.task.PeriodicTaskFactory;
import dev.iris.spi.vendor.VendorFactory;

import java.util.List;

/**
 * The one entry point of an Iris plugin, found with {@link java.util.ServiceLoader}: a plugin jar
 * lists its implementation in {@code META-INF/services/dev.iris.spi.IrisPlugin}.
 *
 * <p>Every method returns an empty list by default, so a plugin overrides only the kinds of
 * factory it provides, and new kinds can be added to this interface without breaking existing
 * plugins. Implementations must have a public no-argument constructor and must be cheap to
 * construct: all real work belongs in the factories' {@code create} methods.
 */
public interface IrisPlugin
{
    /**
     * Factories for message vendors (SMS, voice, email, chat...). Never {@code null}.
     */
    default List<VendorFactory> getVendorFactories()
    {
        return List.of();
    }

    /**
     * Factories for role lookups, which expand a plan step's role and target into usernames.
     * Never {@code null}.
     */
    default List<RoleLookupFactory> getRoleLookupFactories()
    {
        return List.of();
    }

    /**
     * Factories for UI login authenticators (local accounts, LDAP bind...). Never {@code null}.
     */
    default List<AuthenticatorFactory> getAuthenticatorFactories()
    {
        return List.of();
    }

    /**
     * Factories for background tasks run on a schedule (the LDAP user and team sync...). Never
     * {@code null}. Added in SPI version 2.
     */
    default List<PeriodicTaskFactory> getPeriodicTaskFactories()
    {
        return List.of();
    }
}
