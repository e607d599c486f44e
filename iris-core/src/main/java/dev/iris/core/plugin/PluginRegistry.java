package dev.iris.core.plugin;

import dev.iris.spi.AuthenticatorFactory;
import dev.iris.spi.IrisPlugin;
import dev.iris.spi.rolelookup.RoleLookupFactory;
import dev.iris.spi.task.PeriodicTaskFactory;
import dev.iris.spi.vendor.VendorFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every plugin factory on the classpath, found with {@link ServiceLoader} and indexed by name.
 * Two factories of one kind with the same name, or a name that is not {@code [a-z][a-z0-9_-]*},
 * stop Iris at startup.
 */
public final class PluginRegistry
{
    private static final Logger log = LoggerFactory.getLogger(PluginRegistry.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");

    private final Map<String, VendorFactory> vendors;
    private final Map<String, RoleLookupFactory> roleLookups;
    private final Map<String, AuthenticatorFactory> authenticators;
    private final Map<String, PeriodicTaskFactory> periodicTasks;

    public PluginRegistry(List<IrisPlugin> plugins)
    {
        this.vendors = index(plugins, "vendor", plugin -> plugin.getVendorFactories(), VendorFactory::getName);
        this.roleLookups = index(plugins, "role lookup", plugin -> plugin.getRoleLookupFactories(), RoleLookupFactory::getName);
        this.authenticators = index(plugins, "authenticator", plugin -> plugin.getAuthenticatorFactories(), AuthenticatorFactory::getName);
        this.periodicTasks = index(plugins, "periodic task", plugin -> plugin.getPeriodicTaskFactories(), PeriodicTaskFactory::getName);
    }

    /**
     * The plugins visible to this class's class loader.
     */
    public static PluginRegistry fromClasspath()
    {
        return new PluginRegistry(ServiceLoader.load(IrisPlugin.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    private static <F> Map<String, F> index(List<IrisPlugin> plugins, String kind, Function<IrisPlugin, List<F>> factories, Function<F, String> nameOf)
    {
        Map<String, F> byName = new TreeMap<>();
        for (IrisPlugin plugin : plugins) {
            for (F factory : factories.apply(plugin)) {
                String name = nameOf.apply(factory);
                if (name == null || !NAME.matcher(name).matches()) {
                    throw new IllegalStateException("Plugin " + plugin.getClass().getName() + " has a " + kind + " named '" + name + "'; names must match " + NAME.pattern());
                }
                F previous = byName.putIfAbsent(name, factory);
                if (previous != null) {
                    throw new IllegalStateException("Two " + kind + " plugins are named '" + name + "': "
                            + previous.getClass().getName() + " and " + factory.getClass().getName());
                }
                log.debug("Registered {} plugin {}", kind, name);
            }
        }
        return Map.copyOf(byName);
    }

    public Optional<VendorFactory> vendor(String name)
    {
        return Optional.ofNullable(vendors.get(name));
    }

    public Optional<RoleLookupFactory> roleLookup(String name)
    {
        return Optional.ofNullable(roleLookups.get(name));
    }

    public Optional<AuthenticatorFactory> authenticator(String name)
    {
        return Optional.ofNullable(authenticators.get(name));
    }

    public VendorFactory requireVendor(String name)
    {
        return vendor(name).orElseThrow(() -> new IllegalStateException("No vendor plugin named '" + name + "'; installed: " + vendors.keySet()));
    }

    public RoleLookupFactory requireRoleLookup(String name)
    {
        return roleLookup(name).orElseThrow(() -> new IllegalStateException("No role lookup plugin named '" + name + "'; installed: " + roleLookups.keySet()));
    }

    public AuthenticatorFactory requireAuthenticator(String name)
    {
        return authenticator(name).orElseThrow(() -> new IllegalStateException("No authenticator plugin named '" + name + "'; installed: " + authenticators.keySet()));
    }

    public Optional<PeriodicTaskFactory> periodicTask(String name)
    {
        return Optional.ofNullable(periodicTasks.get(name));
    }

    public PeriodicTaskFactory requirePeriodicTask(String name)
    {
        return periodicTask(name).orElseThrow(() -> new IllegalStateException("No periodic task plugin named '" + name + "'; installed: " + periodicTasks.keySet()));
    }
}
