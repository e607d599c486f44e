package dev.iris.relay.api;

import dev.iris.common.client.IrisApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a person hears or reads back after replying, given the API's answer. Only Iris's own
 * user-facing texts pass through; internal errors become a fixed sentence, never a status code,
 * an exception or the API's body.
 */
public final class ReplyTexts
{
    public static final String API_UNREACHABLE = "Iris could not be reached, so your reply was not processed. Please try again in a minute or use the Iris web UI.";
    public static final String API_FAILED = "Iris could not process your reply right now. Please try again in a minute or use the Iris web UI.";
    public static final String API_SLOW = "Iris is taking too long to answer; your reply may still be processed. Check the incident in Iris before trying again.";

    private static final Logger log = LoggerFactory.getLogger(ReplyTexts.class);

    private ReplyTexts() {}

    /**
     * The text for an API answer: {@code app_response} on success, Iris's error text for a
     * request the API refused as invalid, and a fixed sentence otherwise.
     */
    public static String forAnswer(IrisApiResponse response, String path)
    {
        if (response.status() == 200) {
            return response.appResponse().orElseGet(() -> {
                log.warn("iris-api answered {} without an app_response", path);
                return API_FAILED;
            });
        }
        if (response.status() >= 400 && response.status() < 500 && !response.isCredentialsRefused()) {
            return response.errorText().orElse(API_FAILED);
        }
        log.warn("iris-api answered {} with HTTP {}", path, response.status());
        return API_FAILED;
    }
}
