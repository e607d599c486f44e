package dev.iris.api.system;

import dev.iris.api.IrisApiConfiguration;
import dev.iris.db.Database;
import dev.iris.db.DatabaseConfig;
import dev.iris.db.DatabaseCreator;
import dev.iris.db.DatabaseSetupException;
import dev.iris.db.Migrations;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

import java.util.List;

/**
 * {@code iris-api db migrate <config.yaml>}: creates the configured database when the server does
 * not have it yet (or says what an administrator must run), applies pending schema migrations,
 * lists what it applied, and exits.
 */
public final class MigrateCommand
        extends ConfiguredCommand<IrisApiConfiguration>
{
    public MigrateCommand()
    {
        super("db", "Database schema: 'db migrate <config>' creates the database if needed and applies pending migrations");
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
        DatabaseConfig database = configuration.getDatabase();
        if (database.configuredUrl().isPresent()) {
            DatabaseCreator.Outcome outcome = DatabaseCreator.ensureExists(database.configuredUrl().get(), database.getUser(), database.getPassword());
            if (outcome == DatabaseCreator.Outcome.CREATED) {
                System.out.println("Created the database.");
            }
        }
        try (Database opened = Database.open(database, "iris-migrate")) {
            List<String> applied = Migrations.apply(opened.dataSource());
            applied.forEach(migration -> System.out.println("Applied " + migration));
            System.out.println(applied.isEmpty()
                    ? "The schema is current; nothing to apply."
                    : "Applied " + applied.size() + " migration(s); the schema is current.");
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e)
    {
        CommandErrors.print(cli, e);
    }
}
