package dev.iris.sender;

import com.codahale.metrics.CachedGauge;
import com.codahale.metrics.MetricRegistry;
import dev.iris.core.plugin.CoreServices;
import dev.iris.core.plugin.PluginInstanceConfig;
import dev.iris.core.plugin.PluginRegistry;
import dev.iris.core.rolelookup.DatabaseRoleLookupFactory;
import dev.iris.core.rolelookup.RoleResolver;
import dev.iris.core.schedule.HandoffNotices;
import dev.iris.core.schedule.ScheduleGaps;
import dev.iris.core.schedule.ScheduleRoleLookupFactory;
import dev.iris.db.Database;
import dev.iris.db.DatabaseClock;
import dev.iris.db.DatabaseHealthCheck;
import dev.iris.db.Migrations;
import dev.iris.sender.dispatch.VendorPool;
import dev.iris.sender.escalation.NextDueDao;
import dev.iris.server.logging.SafeLoggingBundle;
import dev.iris.spi.PluginContext;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * iris-sender: walks escalation plans and delivers messages. Any number may run against one
 * database; they coordinate through row locks.
 */
public class IrisSenderApplication
        extends Application<IrisSenderConfiguration>
{
    private static final Logger log = LoggerFactory.getLogger(IrisSenderApplication.class);

    public static void main(String[] args)
            throws Exception
    {
        new IrisSenderApplication().run(args);
    }

    @Override
    public String getName()
    {
        return "iris-sender";
    }

    @Override
    public void initialize(Bootstrap<IrisSenderConfiguration> bootstrap)
    {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        // Secrets out of request logs and thread names, control characters escaped in messages.
        bootstrap.addBundle(new SafeLoggingBundle());
    }

    @Override
    public void run(IrisSenderConfiguration configuration, Environment environment)
    {
        dev.iris.server.metrics.PrometheusEndpoint.install(environment);
        // Every sender transaction runs at READ COMMITTED (see EscalationService).
        Database database = Database.open(configuration.getDatabase(), "iris-sender", TransactionIsolationLevel.READ_COMMITTED);
        environment.lifecycle().manage(database);
        if (configuration.isDevMode()) {
            Migrations.migrate(database.dataSource());
        }
        Migrations.validate(database.dataSource());
        environment.healthChecks().register("database", new DatabaseHealthCheck(database));

        Jdbi jdbi = SenderJdbi.create(database.dataSource());
        Clock clock = new DatabaseClock(jdbi);
        // The plugins' Jdbi is the database's own, not the sender's: they bind instants as Jdbi
        // does by default, as they did when each built its own on the pool.
        PluginContext pluginContext = new CoreServices(clock, database.jdbi());
        PluginRegistry plugins = PluginRegistry.fromClasspath();
        VendorPool vendors = new VendorPool(configuration.getVendors().stream()
                .map(vendor -> new VendorPool.NamedVendor(vendor.getName(),
                        plugins.requireVendor(vendor.getType()).create(vendor.toPluginConfig(), pluginContext)))
                .toList(), configuration.getSender().getSendThreads());
        environment.lifecycle().manage(new Managed()
        {
            @Override
            public void stop()
            {
                vendors.close();
            }
        });
        // Without a configured chain: the team's built-in schedule first, then Iris's tables.
        RoleResolver roles = RoleResolver.fromConfig(configuration.getRoleLookups(),
                List.of(ScheduleRoleLookupFactory.NAME, DatabaseRoleLookupFactory.NAME), plugins, pluginContext, clock);

        List<PeriodicTaskRunner.NamedTask> periodic = new ArrayList<>(configuration.getTasks().stream()
                .map(task -> new PeriodicTaskRunner.NamedTask(task.getName(),
                        plugins.requirePeriodicTask(task.getType()).create(task.toPluginConfig(), pluginContext)))
                .toList());
        ScheduleNoticeConfig notices = configuration.getScheduleNotices();
        if (notices.isEnabled()) {
            periodic.add(new PeriodicTaskRunner.NamedTask("schedule-notices",
                    new HandoffNotices(jdbi, clock, configuration.getSender().getSenderApplication(), notices.getPriority(), notices.getInterval())));
        }
        PeriodicTaskRunner tasks = new PeriodicTaskRunner(periodic);
        environment.lifecycle().manage(tasks);

        SenderConfig settings = configuration.getSender();
        // The loops hold a connection for a whole pass; a send borrows one only to record its
        // outcome, so the sends need a few, not one each.
        int connectionsNeeded = 2 * settings.getEscalationThreads() + settings.getDispatchThreads() + Math.min(settings.getSendThreads(), 8);
        if (configuration.getDatabase().getMaxPoolSize() < connectionsNeeded) {
            log.warn("database.maxPoolSize is {}, but the sender's loops and the sends' outcome records may hold {} connections at once;"
                    + " passes will queue for connections", configuration.getDatabase().getMaxPoolSize(), connectionsNeeded);
        }
        AtomicReference<SenderEngine> engine = new AtomicReference<>();
        Sender sender = new Sender(jdbi, clock, settings.dispatchSettings(), settings.dispatchRules(), settings.getSenderApplication(), vendors,
                roles, environment.metrics(), created -> {
                    SenderEngine running = engine.get();
                    if (running != null) {
                        running.wakeDispatcher();
                    }
                });
        engine.set(new SenderEngine(sender, clock, settings.getPollInterval(), settings.getEscalationBatchSize(),
                settings.getDispatchBatchSize(), settings.getSendThreads(), settings.getEscalationThreads(), settings.getDispatchThreads()));
        environment.lifecycle().manage(engine.get());
        environment.healthChecks().register("sender-loop", engine.get().healthCheck());
        registerGauges(environment.metrics(), jdbi, clock, sender);
        ScheduleGaps gaps = new ScheduleGaps(jdbi, clock);
        environment.metrics().register("iris.schedule.gaps", new CachedGauge<Long>(1, TimeUnit.MINUTES)
        {
            @Override
            protected Long loadValue()
            {
                return gaps.count();
            }
        });
    }

    private static void registerGauges(MetricRegistry metrics, Jdbi jdbi, Clock clock, Sender sender)
    {
        metrics.register("iris.sender.queue-depth", new CachedGauge<Long>(5, TimeUnit.SECONDS)
        {
            @Override
            protected Long loadValue()
            {
                return sender.dispatcher().dueQueueDepth();
            }
        });
        metrics.register("iris.sender.escalation.due-lag-ms", new CachedGauge<Long>(5, TimeUnit.SECONDS)
        {
            @Override
            protected Long loadValue()
            {
                Instant now = clock.instant();
                return jdbi.withHandle(handle -> handle.attach(NextDueDao.class).nextDue())
                        .map(due -> Math.max(0, Duration.between(due, now).toMillis()))
                        .orElse(0L);
            }
        });
    }
}
