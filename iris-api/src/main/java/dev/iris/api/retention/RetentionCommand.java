package dev.iris.api.retention;

import dev.iris.api.IrisApiConfiguration;
import dev.iris.core.retention.RetentionJob;
import dev.iris.db.Database;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;

import java.time.Instant;

/**
 * {@code java -jar iris-api.jar retention <config.yaml>}: deletes (and, with
 * {@code retention.archiveDirectory}, archives) incidents and messages older than
 * {@code retention.maxAge}, then exits. Run it daily from cron or a Kubernetes CronJob.
 */
public final class RetentionCommand
        extends ConfiguredCommand<IrisApiConfiguration>
{
    public RetentionCommand()
    {
        super("retention", "Delete (and optionally archive) incidents and messages older than retention.maxAge");
    }

    @Override
    protected void run(Bootstrap<IrisApiConfiguration> bootstrap, Namespace namespace, IrisApiConfiguration configuration)
            throws Exception
    {
        try (Database database = Database.open(configuration.getDatabase(), "iris-retention")) {
            RetentionJob.Result result = new RetentionJob(database.jdbi(), configuration.getRetention()).run(Instant.now());
            System.out.println("Deleted " + result.incidentsDeleted() + " incident(s) and " + result.messagesDeleted()
                    + " message(s) in " + result.batches() + " batch(es).");
        }
    }
}
