package dev.iris.api.ui;

import dev.iris.api.IrisApiConfiguration;
import jakarta.ws.rs.core.NewCookie;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

final class SessionCookiesTest
{
    private static final SessionCodec CODEC = new SessionCodec("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), Clock.systemUTC(), Duration.ofHours(1));

    @Test
    void productionCookiesAreSecureHttpOnlyAndLax()
    {
        NewCookie cookie = new SessionCookies(CODEC, new IrisApiConfiguration()).sessionCookie(CODEC.newSession("alice"));
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo(NewCookie.SameSite.LAX);
        assertThat(cookie.getMaxAge()).isEqualTo(3600);
        assertThat(cookie.getPath()).isEqualTo("/");
    }

    @Test
    void plainHttpDropsOnlyTheSecureFlag()
    {
        IrisApiConfiguration devMode = new IrisApiConfiguration();
        devMode.setDevMode(true);
        assertThat(new SessionCookies(CODEC, devMode).sessionCookie(CODEC.newSession("alice")).isSecure()).isFalse();

        IrisApiConfiguration allowHttp = new IrisApiConfiguration();
        allowHttp.getUi().setAllowHttp(true);
        NewCookie cookie = new SessionCookies(CODEC, allowHttp).formTokenCookie("/login", "token");
        assertThat(cookie.isSecure()).isFalse();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getPath()).isEqualTo("/login");
    }
}
