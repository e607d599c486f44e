package dev.iris.spi.task;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;

import java.util.Set;

/**
 * Creates {@link PeriodicTask}s from a {@code tasks:} entry of a process's config:
 * {@code {type: <getName()>, name: <instance name>, config: {...}}}. Thread-safe; {@code create}
 * is called once per configured instance at startup.
 */
public interface PeriodicTaskFactory
{
    /**
     * The name used as {@code type:} in YAML; matches {@code [a-z][a-z0-9_-]*}. Two factories with
     * one name make Iris fail at startup.
     */
    String getName();

    /**
     * Configuration keys whose values are secrets (bind passwords, tokens). Iris never logs them;
     * the plugin must not either.
     */
    default Set<String> getSecuritySensitivePropertyNames()
    {
        return Set.of();
    }

    /**
     * Validates the configuration and creates the task. Must not start any work: Iris schedules
     * the task's runs.
     *
     * @throws dev.iris.spi.PluginConfigException when a key is missing or invalid, naming the key
     */
    PeriodicTask create(PluginConfig config, PluginContext context);
}
