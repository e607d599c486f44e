package dev.iris.api.ui;

import com.google.inject.Injector;
import dev.iris.api.auth.HmacAuthFilter;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;

import java.util.List;

/**
 * The web UI's resources and services, and how they join the running API.
 */
public final class WebUi
{
    static final List<Class<?>> RESOURCES = List.of(
            LoginResource.class,
            PasswordResource.class,
            IncidentsResource.class,
            TypeaheadResource.class,
            StatsResource.class,
            IncidentActionsResource.class,
            PlansResource.class,
            TemplatesResource.class,
            ApplicationsResource.class,
            ApplicationQuotaResource.class,
            IncidentEmailsResource.class,
            MessagesResource.class,
            UnsubscribeResource.class,
            QrResource.class,
            SessionsResource.class,
            SettingsResource.class,
            dev.iris.api.ui.schedule.SchedulePagesResource.class,
            dev.iris.api.ui.status.ComponentPagesResource.class,
            dev.iris.api.ui.status.PublicUpdatesResource.class,
            dev.iris.api.ui.postmortem.PostmortemPagesResource.class,
            MaintenancePageResource.class);

    static final List<Class<?>> SERVICES = List.of(
            SessionCookies.class,
            UiSessions.class,
            UiSessionAuthenticator.class,
            UiPages.class,
            IncidentSummaries.class,
            IncidentPages.class,
            ApplicationEdits.class,
            UiErrorPages.class);

    private WebUi() {}

    /**
     * Lets UI sessions authenticate requests through {@code authFilter} and serves the pages.
     */
    public static void register(Injector injector, Environment environment, HmacAuthFilter authFilter)
    {
        authFilter.setSessionAuthenticator(injector.getInstance(UiSessionAuthenticator.class));
        environment.jersey().register(UiFilter.class);
        environment.jersey().register(injector.getInstance(UiErrorPages.class));
        for (Class<?> resource : RESOURCES) {
            environment.jersey().register(injector.getInstance(resource));
        }
        LoginService logins = injector.getInstance(LoginService.class);
        environment.lifecycle().manage(new Managed()
        {
            @Override
            public void stop()
            {
                logins.close();
            }
        });
    }
}
