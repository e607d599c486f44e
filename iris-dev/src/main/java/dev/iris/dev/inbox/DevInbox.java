package dev.iris.dev.inbox;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import org.eclipse.jetty.server.Server;

import java.net.URI;

/**
 * Adds the dev inbox pages ({@code /dev/inbox}) to a running iris-api, built from its injector.
 */
public final class DevInbox
{
    private DevInbox() {}

    public static void register(Injector apiInjector, Environment environment)
    {
        Injector injector = apiInjector.createChildInjector(new AbstractModule()
        {
            @Override
            protected void configure()
            {
                bind(DevReplies.class);
                bind(DevInboxResource.class);
            }
        });
        environment.jersey().register(injector.getInstance(DevInboxResource.class));
        DevReplies replies = injector.getInstance(DevReplies.class);
        // Replies go to this API's own response endpoints, so they need the port it listens on.
        environment.lifecycle().addServerLifecycleListener(new ServerLifecycleListener()
        {
            @Override
            public void serverStarted(Server server)
            {
                replies.setBaseUri(URI.create("http://127.0.0.1:" + getLocalPort(server)));
            }
        });
    }
}
