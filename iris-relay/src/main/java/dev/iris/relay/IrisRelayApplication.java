package dev.iris.relay;

import dev.iris.relay.action.TokenChannelConfig;
import dev.iris.relay.action.TokenClaims;
import dev.iris.relay.api.ApiClient;
import dev.iris.relay.ntfy.NtfyResource;
import dev.iris.relay.mattermost.MattermostResource;
import dev.iris.relay.teams.TeamsResource;
import dev.iris.relay.email.EmailConfig;
import dev.iris.relay.email.EmailForwarder;
import dev.iris.relay.email.ImapPoller;
import dev.iris.relay.email.InboundMailResource;
import dev.iris.relay.http.HealthcheckResource;
import dev.iris.relay.slack.SlackConfig;
import dev.iris.relay.slack.SlackResource;
import dev.iris.relay.slack.SlackSignatureFilter;
import dev.iris.relay.slack.SlackSignatureVerifier;
import dev.iris.relay.telegram.TelegramConfig;
import dev.iris.relay.telegram.TelegramResource;
import dev.iris.relay.twilio.TwilioCallsResource;
import dev.iris.relay.twilio.TwilioConfig;
import dev.iris.relay.twilio.TwilioMessagesResource;
import dev.iris.relay.twilio.TwilioSignatureFilter;
import dev.iris.relay.twilio.TwilioStatusResource;
import dev.iris.relay.twilio.TwilioUrls;
import dev.iris.server.http.ErrorMappers;
import dev.iris.server.http.TransientFailures;
import dev.iris.server.logging.SafeLoggingBundle;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * iris-relay: the public edge for Twilio, Slack, inbound email and the chat and push channels. It checks every caller's
 * signature, then forwards to iris-api signed as the {@code iris-relay} application. It has no
 * database.
 */
public class IrisRelayApplication
        extends Application<IrisRelayConfiguration>
{
    private static final Logger log = LoggerFactory.getLogger(IrisRelayApplication.class);

    public static void main(String[] args)
            throws Exception
    {
        new IrisRelayApplication().run(args);
    }

    @Override
    public String getName()
    {
        return "iris-relay";
    }

    @Override
    public void initialize(Bootstrap<IrisRelayConfiguration> bootstrap)
    {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        // Secrets out of request logs and thread names, control characters escaped in messages.
        bootstrap.addBundle(new SafeLoggingBundle());
    }

    @Override
    public void run(IrisRelayConfiguration configuration, Environment environment)
    {
        dev.iris.server.metrics.PrometheusEndpoint.install(environment);
        ErrorMappers.register(configuration, environment, TransientFailures.NONE);
        Clock clock = Clock.systemUTC();
        ApiClient api = new ApiClient(
                configuration.getApiUrl(),
                configuration.getRelayApplication(),
                configuration.getRelayKey(),
                configuration.getApiConnectTimeout().toJavaDuration(),
                configuration.getApiRequestTimeout().toJavaDuration(),
                clock);
        long maxRequestBytes = configuration.getMaxRequestSize().toBytes();
        JerseyEnvironment jersey = environment.jersey();
        jersey.register(new HealthcheckResource(configuration.getHealthcheckPath()));

        TwilioConfig twilio = configuration.getTwilio();
        if (twilio.getAuthTokens().isEmpty()) {
            log.warn("No twilio.authTokens configured: every Twilio request will be refused");
        }
        TwilioUrls twilioUrls = new TwilioUrls(twilio.getPublicBaseUrl());
        jersey.register(new TwilioSignatureFilter(twilio.getAuthTokens(), twilioUrls, maxRequestBytes));
        jersey.register(new TwilioMessagesResource(api));
        jersey.register(new TwilioCallsResource(api, twilioUrls));
        jersey.register(new TwilioStatusResource(api));

        SlackConfig slack = configuration.getSlack();
        if (slack.getSigningSecret().isBlank()) {
            log.warn("No slack.signingSecret configured: every Slack request will be refused");
        }
        jersey.register(new SlackSignatureFilter(
                new SlackSignatureVerifier(slack.getSigningSecret(), slack.getReplayWindow().toJavaDuration(), clock),
                maxRequestBytes));
        jersey.register(new SlackResource(api, slack.getApiTimeout().toJavaDuration()));

        TokenChannelConfig ntfy = configuration.getNtfy();
        jersey.register(new NtfyResource(new TokenClaims("ntfy", ntfy.getActionSecret(), api, ntfy.getApiTimeout().toJavaDuration(), clock)));

        TokenChannelConfig mattermost = configuration.getMattermost();
        jersey.register(new MattermostResource(new TokenClaims("mattermost", mattermost.getActionSecret(), api, mattermost.getApiTimeout().toJavaDuration(), clock)));

        TokenChannelConfig teams = configuration.getTeams();
        jersey.register(new TeamsResource(new TokenClaims("teams", teams.getActionSecret(), api, teams.getApiTimeout().toJavaDuration(), clock)));

        TelegramConfig telegram = configuration.getTelegram();
        if (telegram.getSecretToken().isBlank()) {
            log.warn("No telegram.secretToken configured: every Telegram update will be refused");
        }
        jersey.register(new TelegramResource(telegram.getSecretToken(), api, telegram.getApiTimeout().toJavaDuration()));

        EmailConfig email = configuration.getEmail();
        EmailForwarder forwarder = new EmailForwarder(api);
        jersey.register(new InboundMailResource(email.getInboundSecret(), email.getMaxMessageSize().toBytes(), forwarder));
        Optional<ImapPoller> imapPoller = Optional.empty();
        if (email.getImap().isEnabled()) {
            ImapPoller poller = new ImapPoller(email.getImap(), forwarder);
            environment.lifecycle().manage(poller);
            imapPoller = Optional.of(poller);
        }

        environment.healthChecks().register("relay", new RelayHealthCheck(api, !configuration.getRelayKey().isBlank(), imapPoller));
    }
}
