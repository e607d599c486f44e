package dev.iris.relay.twilio;

import com.twilio.security.RequestValidator;
import dev.iris.common.http.IrisException;
import dev.iris.relay.http.FormBody;
import dev.iris.relay.http.RequestBodies;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Refuses any request to a {@link TwilioSigned} resource whose {@code X-Twilio-Signature} is
 * missing (401) or does not match the URL and form parameters under any configured auth token
 * (403), before the resource runs. twilio-java's validator signs every received parameter and
 * compares in constant time.
 */
@TwilioSigned
@Priority(Priorities.AUTHENTICATION)
public final class TwilioSignatureFilter
        implements ContainerRequestFilter
{
    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";

    private static final Logger log = LoggerFactory.getLogger(TwilioSignatureFilter.class);

    private final List<RequestValidator> validators;
    private final TwilioUrls urls;
    private final long maxRequestBytes;

    public TwilioSignatureFilter(List<String> authTokens, TwilioUrls urls, long maxRequestBytes)
    {
        this.validators = requireNonNull(authTokens, "authTokens is null").stream()
                .map(RequestValidator::new)
                .toList();
        this.urls = requireNonNull(urls, "urls is null");
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void filter(ContainerRequestContext request)
    {
        String signature = request.getHeaderString(SIGNATURE_HEADER);
        if (signature == null || signature.isBlank()) {
            throw IrisException.unauthorized("Unauthorized", "Missing X-Twilio-Signature header");
        }
        byte[] body = RequestBodies.buffer(request, maxRequestBytes);
        Map<String, String> parameters = isForm(request.getMediaType())
                ? FormBody.parse(new String(body, StandardCharsets.UTF_8)).fields()
                : Map.of();
        String url = urls.requestUrl(request.getUriInfo());
        boolean valid = false;
        for (RequestValidator validator : validators) {
            // No short cut: the time taken does not tell which token matched.
            valid |= validator.validate(url, parameters, signature);
        }
        if (!valid) {
            log.warn("Refused a Twilio request to {} with an invalid signature (is twilio.publicBaseUrl the URL Twilio calls?)", request.getUriInfo().getRequestUri().getRawPath());
            throw IrisException.forbidden("Forbidden", "Invalid X-Twilio-Signature");
        }
    }

    private static boolean isForm(MediaType mediaType)
    {
        return mediaType != null && mediaType.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
    }
}
