package dev.iris.api.bootstrap;

import dev.iris.api.IrisApiConfiguration;
import dev.iris.api.system.CommandErrors;
import dev.iris.db.Database;
import dev.iris.db.DatabaseSetupException;
import dev.iris.db.Migrations;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code iris-api bootstrap <config.yaml> --admin NAME [--email ADDRESS]}: after {@code db migrate}
 * on a new database, creates Iris's own applications and the first admin, and prints the keys and
 * the one-time password the operator needs. A second run changes nothing and says so.
 */
public final class BootstrapCommand
        extends ConfiguredCommand<IrisApiConfiguration>
{
    public BootstrapCommand()
    {
        super("bootstrap", "First deployment: creates the iris and iris-relay applications and a first admin");
    }

    @Override
    public void configure(Subparser subparser)
    {
        super.configure(subparser);
        subparser.addArgument("--admin").required(true).help("username of the first admin (log in to the web UI as this user)");
        subparser.addArgument("--email").help("the admin's email address, for pages and notices");
    }

    @Override
    protected void run(Bootstrap<IrisApiConfiguration> bootstrap, Namespace namespace, IrisApiConfiguration configuration)
    {
        String admin = namespace.getString("admin").strip();
        if (admin.isEmpty() || admin.length() > 255 || admin.codePoints().anyMatch(Character::isISOControl)) {
            throw new DatabaseSetupException("--admin must be a plain username", null);
        }
        try (Database database = Database.open(configuration.getDatabase(), "iris-bootstrap")) {
            try {
                Migrations.validate(database.dataSource());
            }
            catch (RuntimeException e) {
                throw new DatabaseSetupException("The database schema is missing or outdated: run './iris db migrate <api config>' first", e);
            }
            FirstDeployment.Result result;
            try {
                result = new FirstDeployment(database.jdbi()).bootstrap(admin, namespace.getString("email"));
            }
            catch (IllegalArgumentException e) {
                throw new DatabaseSetupException(e.getMessage(), e);
            }
            FirstDeployment.report(admin, result).forEach(System.out::println);
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e)
    {
        CommandErrors.print(cli, e);
    }
}
