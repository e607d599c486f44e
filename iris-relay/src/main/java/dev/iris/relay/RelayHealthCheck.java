package dev.iris.relay;

import com.codahale.metrics.health.HealthCheck;
import dev.iris.relay.api.ApiClient;
import dev.iris.relay.email.ImapPoller;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The relay is healthy when it can sign its calls, the API answers, and the IMAP poller (if any)
 * last polled successfully. It is meant for out-of-band monitoring: when the relay cannot reach
 * the API, replies fail and someone must know.
 */
final class RelayHealthCheck
        extends HealthCheck
{
    private static final Duration API_TIMEOUT = Duration.ofSeconds(2);

    private final ApiClient api;
    private final boolean keyConfigured;
    private final Optional<ImapPoller> imapPoller;

    RelayHealthCheck(ApiClient api, boolean keyConfigured, Optional<ImapPoller> imapPoller)
    {
        this.api = requireNonNull(api, "api is null");
        this.keyConfigured = keyConfigured;
        this.imapPoller = requireNonNull(imapPoller, "imapPoller is null");
    }

    @Override
    protected Result check()
    {
        if (!keyConfigured) {
            return Result.unhealthy("no relayKey configured: the relay cannot sign its calls to the API");
        }
        if (!api.isReachable(API_TIMEOUT)) {
            return Result.unhealthy("iris-api at " + api.apiUrl() + " does not answer its /healthcheck");
        }
        Optional<String> imapFailure = imapPoller.flatMap(ImapPoller::lastFailure);
        if (imapFailure.isPresent()) {
            return Result.unhealthy("the last IMAP poll failed: " + imapFailure.get());
        }
        return Result.healthy("forwarding to " + api.apiUrl());
    }
}
