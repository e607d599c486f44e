package dev.iris.relay.slack;

import dev.iris.relay.http.RequestBodies;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * Refuses (401) any request to a {@link SlackSigned} resource that is not signed with the Slack
 * signing secret, is stale, or is a replay, before the resource runs.
 */
@SlackSigned
@Priority(Priorities.AUTHENTICATION)
public final class SlackSignatureFilter
        implements ContainerRequestFilter
{
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";
    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";

    private static final Logger log = LoggerFactory.getLogger(SlackSignatureFilter.class);

    private final SlackSignatureVerifier verifier;
    private final long maxRequestBytes;

    public SlackSignatureFilter(SlackSignatureVerifier verifier, long maxRequestBytes)
    {
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void filter(ContainerRequestContext request)
    {
        byte[] body = RequestBodies.buffer(request, maxRequestBytes);
        try {
            verifier.verify(request.getHeaderString(TIMESTAMP_HEADER), request.getHeaderString(SIGNATURE_HEADER), body);
        }
        catch (RuntimeException e) {
            log.warn("Refused a Slack request: {}", e.getMessage());
            throw e;
        }
    }
}
