package dev.iris.relay.testing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Signs requests the way Twilio does (written from Twilio's documentation, independently of
 * twilio-java): base64 HMAC-SHA1 of the URL followed by every POST parameter's name and value,
 * sorted by name.
 */
public final class TwilioSigner
{
    private TwilioSigner() {}

    public static String sign(String authToken, String url, Map<String, String> parameters)
    {
        StringBuilder text = new StringBuilder(url);
        new TreeMap<>(parameters).forEach((name, value) -> text.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The form body Twilio would post for these parameters.
     */
    public static String formBody(Map<String, String> parameters)
    {
        return parameters.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static Map<String, String> parameters(String... namesAndValues)
    {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int index = 0; index < namesAndValues.length; index += 2) {
            parameters.put(namesAndValues[index], namesAndValues[index + 1]);
        }
        return parameters;
    }
}
