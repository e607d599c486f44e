package dev.iris.api;

import java.util.List;

/**
 * The JAX-RS resources iris-api serves and the services they use, in one place so the module and
 * the application agree.
 */
final class ApiResources
{
    static final List<Class<?>> ALL = List.of(
            dev.iris.api.system.HealthcheckResource.class,
            dev.iris.api.plan.PlanResource.class,
            dev.iris.api.template.TemplateResource.class,
            dev.iris.api.incident.IncidentResource.class,
            dev.iris.api.message.MessageResource.class,
            dev.iris.api.notification.NotificationResource.class,
            dev.iris.api.application.ApplicationResource.class,
            dev.iris.api.category.CategoryResource.class,
            dev.iris.api.target.TargetResource.class,
            dev.iris.api.target.TargetRoleResource.class,
            dev.iris.api.target.ModeResource.class,
            dev.iris.api.target.PriorityResource.class,
            dev.iris.api.user.UserResource.class,
            dev.iris.api.user.TimezoneResource.class,
            dev.iris.api.simulate.PlanSimulationResource.class,
            dev.iris.api.stats.GlobalStatsResource.class,
            dev.iris.api.stats.ApplicationStatsResource.class,
            dev.iris.api.stats.SingleStatResource.class,
            dev.iris.api.heartbeat.HeartbeatsResource.class,
            dev.iris.api.heartbeat.HeartbeatResource.class,
            dev.iris.api.openapi.OpenApiResource.class,
            dev.iris.api.webhook.WebhookResource.class,
            dev.iris.api.response.ResponseResource.class,
            dev.iris.api.status.StatusApiResource.class,
            dev.iris.api.schedule.ScheduleResource.class,
            dev.iris.api.schedule.OncallResource.class,
            dev.iris.api.maintenance.MaintenanceResource.class,
            dev.iris.api.team.TeamChannelResource.class);

    static final List<Class<?>> SERVICES = List.of(
            dev.iris.core.template.JinjaTemplates.class,
            dev.iris.core.plan.PlanService.class,
            dev.iris.core.template.TemplateService.class,
            dev.iris.core.incident.IncidentService.class,
            dev.iris.core.incident.IncidentQueries.class,
            dev.iris.core.incident.ClaimService.class,
            dev.iris.core.incident.CommentService.class,
            dev.iris.core.message.MessageQueries.class,
            dev.iris.core.message.NotificationService.class,
            dev.iris.core.application.ApplicationService.class,
            dev.iris.core.category.CategoryService.class,
            dev.iris.core.target.TargetService.class,
            dev.iris.core.user.UserService.class,
            dev.iris.core.contact.SelfServiceContacts.class,
            dev.iris.api.simulate.PlanSimulator.class,
            dev.iris.core.stats.StatsService.class,
            dev.iris.api.ingest.QueryKeyAuthenticator.class,
            dev.iris.core.heartbeat.HeartbeatService.class,
            dev.iris.core.heartbeat.HeartbeatChecker.class,
            dev.iris.api.heartbeat.HeartbeatMonitor.class,
            dev.iris.api.webhook.AlertIngestService.class,
            dev.iris.core.response.Responders.class,
            dev.iris.core.response.ReplyService.class,
            dev.iris.core.response.SmsOptOutService.class,
            dev.iris.core.response.DeliveryUpdateService.class,
            dev.iris.api.response.EmailReplies.class,
            dev.iris.core.status.StatusBoard.class,
            dev.iris.core.status.StatusAdmin.class,
            dev.iris.core.status.StatusRecorder.class,
            dev.iris.core.postmortem.PostmortemService.class,
            dev.iris.api.status.PublishedPostmortems.class,
            dev.iris.api.status.StatusPageResource.class,
            dev.iris.api.status.StatusMonitor.class,
            dev.iris.core.schedule.ScheduleService.class,
            dev.iris.api.schedule.ScheduleAccess.class,
            dev.iris.api.schedule.IcalFeeds.class,
            dev.iris.core.maintenance.MaintenanceService.class,
            dev.iris.core.team.TeamChannels.class);

    private ApiResources() {}
}
