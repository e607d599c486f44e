package dev.iris.api.system;

import dev.iris.api.IrisApiConfiguration;
import dev.iris.core.db.Database;
import dev.iris.core.db.Migrations;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code iris-api db <config.yaml>}: applies pending schema migrations and exits. Named {@code db}
 * with the action {@code migrate}, as in {@code java -jar iris-api.jar db migrate config.yaml}.
 */
public final class MigrateCommand
        extends ConfiguredCommand<IrisApiConfiguration>
{
    public MigrateCommand()
    {
        super("db", "Database schema: 'db migrate <config>' applies pending migrations");
    }

    @Override
    public void configure(Subparser subparser)
    {
        subparser.addArgument("action").choices("migrate").help("what to do: migrate");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<IrisApiConfiguration> bootstrap, Namespace namespace, IrisApiConfiguration configuration)
    {
        try (Database database = Database.open(configuration.getDatabase(), "iris-migrate")) {
            int applied = Migrations.migrate(database.dataSource());
            System.out.println("Applied " + applied + " migration(s); the schema is current.");
        }
    }
}
