package dev.iris.dev;

import dev.iris.api.IrisApiApplication;
import dev.iris.api.IrisApiConfiguration;
import dev.iris.dev.inbox.DevInbox;
import io.dropwizard.core.setup.Environment;

/**
 * iris-api as {@code ./iris dev} runs it: the production API plus the dev inbox pages, which the
 * production jar does not carry.
 */
public final class DevApiApplication
        extends IrisApiApplication
{
    @Override
    protected boolean servesDevInbox()
    {
        return true;
    }

    @Override
    public void run(IrisApiConfiguration configuration, Environment environment)
    {
        super.run(configuration, environment);
        DevInbox.register(injector(), environment);
    }
}
