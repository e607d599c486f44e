package dev.iris.sender;

import com.codahale.metrics.MetricRegistry;
import dev.iris.core.render.MessageRenderer;
import dev.iris.core.render.TemplateRenderer;
import dev.iris.core.rolelookup.RoleResolver;
import dev.iris.sender.dispatch.ContactResolver;
import dev.iris.sender.dispatch.DispatchRules;
import dev.iris.sender.dispatch.DispatchSettings;
import dev.iris.sender.dispatch.Dispatcher;
import dev.iris.sender.dispatch.MessageContent;
import dev.iris.sender.dispatch.ModeCatalog;
import dev.iris.sender.dispatch.VendorPool;
import dev.iris.sender.escalation.EscalationService;
import dev.iris.sender.escalation.PlanCache;
import dev.iris.sender.metrics.SenderMetrics;
import dev.iris.sender.storm.Aggregator;
import dev.iris.sender.storm.QuotaGuard;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * One sender's parts, wired together: the escalation engine and the dispatcher with its storm
 * control, sharing a clock, a plan cache and the vendors. {@link SenderEngine} runs them; tests
 * drive them step by step.
 */
public final class Sender
{
    private final EscalationService escalation;
    private final Dispatcher dispatcher;
    private final SenderMetrics metrics;

    /**
     * A sender without a default quota (applications without a quota row are not counted), as the
     * tests and the benchmark run it.
     */
    public Sender(Jdbi jdbi, Clock clock, DispatchSettings settings, String senderApplication, VendorPool vendors, RoleResolver roles,
            MetricRegistry registry, EscalationService.EscalationListener listener)
    {
        this(jdbi, clock, settings, DispatchRules.withoutDefaultQuota(), senderApplication, vendors, roles, registry, listener);
    }

    public Sender(Jdbi jdbi, Clock clock, DispatchSettings settings, DispatchRules rules, String senderApplication, VendorPool vendors,
            RoleResolver roles, MetricRegistry registry, EscalationService.EscalationListener listener)
    {
        requireNonNull(jdbi, "jdbi is null");
        PlanCache plans = new PlanCache();
        ModeCatalog modes = new ModeCatalog(jdbi);
        TemplateRenderer templates = new TemplateRenderer();
        this.metrics = new SenderMetrics(registry);
        vendors.report(metrics);
        this.escalation = new EscalationService(jdbi, clock, plans, roles, templates, listener);
        this.dispatcher = new Dispatcher(jdbi, clock, settings, plans, modes, new ContactResolver(modes, rules.smsOverrideTemplate()),
                new Aggregator(), new QuotaGuard(senderApplication, roles, rules.defaultQuota(), metrics),
                new MessageContent(jdbi, new MessageRenderer(templates), modes), vendors, metrics, senderApplication);
    }

    public EscalationService escalation()
    {
        return escalation;
    }

    public Dispatcher dispatcher()
    {
        return dispatcher;
    }

    public SenderMetrics metrics()
    {
        return metrics;
    }
}
