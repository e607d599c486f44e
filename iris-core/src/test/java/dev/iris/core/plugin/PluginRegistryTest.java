package dev.iris.core.plugin;

import dev.iris.spi.IrisPlugin;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginContext;
import dev.iris.spi.task.PeriodicTask;
import dev.iris.spi.task.PeriodicTaskFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class PluginRegistryTest
{
    @Test
    void findsTheLocalLoginOnTheClasspath()
    {
        assertThat(PluginRegistry.fromClasspath().authenticator("local")).isPresent();
    }

    @Test
    void indexesPeriodicTasksByName()
    {
        PluginRegistry registry = new PluginRegistry(List.of(plugin("nightly-sync")));

        assertThat(registry.periodicTask("nightly-sync")).isPresent();
        assertThat(registry.periodicTask("other")).isEmpty();
        assertThatThrownBy(() -> registry.requirePeriodicTask("other")).hasMessageContaining("nightly-sync");
    }

    @Test
    void refusesTwoPeriodicTasksWithOneName()
    {
        assertThatThrownBy(() -> new PluginRegistry(List.of(plugin("sync"), plugin("sync"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Two periodic task plugins are named 'sync'");
    }

    private static IrisPlugin plugin(String taskName)
    {
        return new IrisPlugin()
        {
            @Override
            public List<PeriodicTaskFactory> getPeriodicTaskFactories()
            {
                return List.of(new PeriodicTaskFactory()
                {
                    @Override
                    public String getName()
                    {
                        return taskName;
                    }

                    @Override
                    public PeriodicTask create(PluginConfig config, PluginContext context)
                    {
                        return new PeriodicTask()
                        {
                            @Override
                            public Duration interval()
                            {
                                return Duration.ofMinutes(1);
                            }

                            @Override
                            public void run() {}
                        };
                    }
                });
            }
        };
    }
}
