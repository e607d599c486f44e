package dev.iris.core.plugin;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.iris.spi.PluginConfig;
import jakarta.validation.constraints.NotBlank;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One plugin instance in YAML: {@code {type: twilio, name: twilio-primary, config: {...}}}. The
 * {@code config} map may nest; it reaches the plugin flattened to dotted string keys.
 */
public class PluginInstanceConfig
{
    @NotBlank
    @JsonProperty
    private String type;

    @JsonProperty
    private String name;

    @JsonProperty
    private Map<String, Object> config = new LinkedHashMap<>();

    public PluginInstanceConfig() {}

    public PluginInstanceConfig(String type, String name, Map<String, Object> config)
    {
        this.type = type;
        this.name = name;
        this.config = new LinkedHashMap<>(config);
    }

    public String getType()
    {
        return type;
    }

    /**
     * The instance name; defaults to the type.
     */
    public String getName()
    {
        return name == null || name.isBlank() ? type : name;
    }

    public PluginConfig toPluginConfig()
    {
        Map<String, String> flat = new TreeMap<>();
        flatten("", config, flat);
        return new PluginConfig(getName(), flat);
    }

    private static void flatten(String prefix, Object value, Map<String, String> into)
    {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, child, into));
        }
        else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "." + i, list.get(i), into);
            }
        }
        else if (value != null) {
            into.put(prefix, String.valueOf(value));
        }
    }

    @Override
    public String toString()
    {
        // Never the values: they may be secrets.
        return "PluginInstanceConfig{type=" + type + ", name=" + getName() + "}";
    }
}
