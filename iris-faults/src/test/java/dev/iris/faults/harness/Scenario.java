package dev.iris.faults.harness;

import dev.iris.testing.fakes.FakeWebhookReceiver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * What one scenario owns: its receiver, its tenant in a deployment, its senders, its clock.
 * Closing it stops the senders, retires what the scenario left in a shared database and closes
 * the receiver, whatever the outcome.
 */
public final class Scenario
        implements AutoCloseable
{
    private final String name;
    private final IrisDeployment deployment;
    private final FakeWebhookReceiver receiver;
    private final Tenant tenant;
    private final List<IrisProcess> senders = new ArrayList<>();
    private final long startNanos = System.nanoTime();

    private Scenario(String name, IrisDeployment deployment)
    {
        this.name = requireNonNull(name, "name is null");
        this.deployment = requireNonNull(deployment, "deployment is null");
        this.receiver = FakeWebhookReceiver.start();
        receiver.verifySignatures(deployment.senderSettings().webhookSecret());
        this.tenant = Tenant.seed(deployment, name, receiver);
    }

    public static Scenario begin(String name, IrisDeployment deployment)
    {
        System.out.println("[fault-suite] scenario " + name + " starts");
        return new Scenario(name, deployment);
    }

    /**
     * Starts {@code count} senders at once (they start in parallel to save time) and waits until
     * every one is healthy.
     */
    public List<IrisProcess> startSenders(int count)
    {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<IrisProcess>> starting = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String senderName = "sender-" + (senders.size() + i);
                starting.add(pool.submit(() -> deployment.startSender(name, senderName)));
            }
            List<IrisProcess> started = new ArrayList<>();
            for (Future<IrisProcess> future : starting) {
                started.add(future.get(3, TimeUnit.MINUTES));
            }
            senders.addAll(started);
            return started;
        }
        catch (Exception e) {
            throw new IllegalStateException("cannot start the senders of " + name, e);
        }
        finally {
            pool.shutdownNow();
        }
    }

    public String name()
    {
        return name;
    }

    public IrisDeployment deployment()
    {
        return deployment;
    }

    public FakeWebhookReceiver receiver()
    {
        return receiver;
    }

    public Tenant tenant()
    {
        return tenant;
    }

    public List<IrisProcess> senders()
    {
        return List.copyOf(senders);
    }

    public Duration elapsed()
    {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    public Ledger.Reconciliation awaitSettled(Duration limit)
    {
        return Ledger.awaitSettled(deployment.jdbi(), tenant.applicationId(), receiver, limit);
    }

    /**
     * The tails of the senders' and the API's logs, for an assertion message.
     */
    public String logs()
    {
        StringBuilder logs = new StringBuilder();
        for (IrisProcess sender : senders) {
            logs.append('\n').append(OsProcess.tail(sender.log(), 25));
        }
        if (deployment.api() != null) {
            logs.append('\n').append(OsProcess.tail(deployment.api().log(), 25));
        }
        return logs.toString();
    }

    @Override
    public void close()
    {
        for (IrisProcess sender : senders) {
            sender.close();
        }
        try {
            Ledger.retire(deployment.jdbi(), tenant.applicationId());
        }
        catch (RuntimeException e) {
            System.out.println("[fault-suite] could not retire " + name + ": " + e);
        }
        receiver.close();
        System.out.println("[fault-suite] scenario " + name + " took " + elapsed().toSeconds() + " s");
    }
}
