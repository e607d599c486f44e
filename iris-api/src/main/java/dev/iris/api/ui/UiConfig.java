package dev.iris.api.ui;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

import java.util.Optional;

/**
 * The {@code ui:} section of iris-api's YAML: how web UI sessions are signed and kept.
 */
public class UiConfig
{
    /**
     * Key for signing session cookies, at least 32 characters. Every API node behind one load
     * balancer needs the same value. Without one, a random key is made at startup, so sessions
     * end with the process.
     */
    @JsonProperty
    private String sessionSecret;

    @NotNull
    @JsonProperty
    private Duration sessionLifetime = Duration.hours(12);

    /**
     * Session cookies without the Secure flag, for a UI served over plain HTTP (development
     * mode implies it).
     */
    @JsonProperty
    private boolean allowHttp;

    /**
     * Iris's {@code qr_base_url} and {@code qr_login_url}: the Iris address and the login page the
     * mobile app should use. The {@code /qr} page exists only when both are set.
     */
    @JsonProperty
    private String qrBaseUrl;

    @JsonProperty
    private String qrLoginUrl;

    public Optional<String> getSessionSecret()
    {
        return Optional.ofNullable(sessionSecret).filter(secret -> !secret.isBlank());
    }

    public void setSessionSecret(String sessionSecret)
    {
        this.sessionSecret = sessionSecret;
    }

    public Duration getSessionLifetime()
    {
        return sessionLifetime;
    }

    public boolean isAllowHttp()
    {
        return allowHttp;
    }

    public void setAllowHttp(boolean allowHttp)
    {
        this.allowHttp = allowHttp;
    }

    /**
     * The mobile app's base and login URLs, when both are configured.
     */
    public Optional<QrUrls> getQrUrls()
    {
        if (qrBaseUrl == null || qrBaseUrl.isBlank() || qrLoginUrl == null || qrLoginUrl.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new QrUrls(qrBaseUrl.strip(), qrLoginUrl.strip()));
    }

    public record QrUrls(String baseUrl, String loginUrl) {}

    @Override
    public String toString()
    {
        // Never the secret.
        return "UiConfig{sessionLifetime=" + sessionLifetime + ", allowHttp=" + allowHttp + "}";
    }
}
