package dev.iris.api.ui;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

final class SessionCodecTest
{
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-21T03:00:00Z");

    private static SessionCodec codecAt(Instant now)
    {
        return new SessionCodec(SECRET, Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(12));
    }

    @Test
    void roundTripsAValidSession()
    {
        SessionCodec codec = codecAt(NOW);
        UiSession session = codec.newSession("ällice.o'brien");
        assertThat(codec.decode(codec.encode(session))).contains(session);
        assertThat(session.expires()).isEqualTo(NOW.plus(Duration.ofHours(12)));
        assertThat(session.csrfToken()).hasSize(22);
    }

    @Test
    void rejectsExpiredSessions()
    {
        String cookie = codecAt(NOW).encode(codecAt(NOW).newSession("alice"));
        assertThat(codecAt(NOW.plus(Duration.ofHours(12)).minusSeconds(1)).decode(cookie)).isPresent();
        assertThat(codecAt(NOW.plus(Duration.ofHours(12))).decode(cookie)).isEmpty();
    }

    @Test
    void rejectsTamperedOrForeignCookies()
    {
        SessionCodec codec = codecAt(NOW);
        String cookie = codec.encode(codec.newSession("alice"));
        String[] parts = cookie.split("\\.");
        parts[2] = String.valueOf(Long.parseLong(parts[2]) + 86400);
        assertThat(codec.decode(String.join(".", parts))).as("extended expiry").isEmpty();
        assertThat(codec.decode(cookie.substring(0, cookie.length() - 2))).as("cut signature").isEmpty();
        assertThat(codec.decode("garbage")).isEmpty();
        assertThat(codec.decode("")).isEmpty();
        assertThat(codec.decode(null)).isEmpty();

        SessionCodec other = new SessionCodec("another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));
        assertThat(other.decode(cookie)).as("signed with another secret").isEmpty();
    }

    @Test
    void everySessionGetsItsOwnCsrfToken()
    {
        SessionCodec codec = codecAt(NOW);
        assertThat(codec.newSession("alice").csrfToken()).isNotEqualTo(codec.newSession("alice").csrfToken());
    }

    @Test
    void tokensCompareExactly()
    {
        assertThat(SessionCodec.tokensMatch("abc", "abc")).isTrue();
        assertThat(SessionCodec.tokensMatch("abc", "abd")).isFalse();
        assertThat(SessionCodec.tokensMatch("abc", null)).isFalse();
        assertThat(SessionCodec.tokensMatch(null, null)).isFalse();
    }

    @Test
    void toStringHidesTheCsrfToken()
    {
        UiSession session = codecAt(NOW).newSession("alice");
        assertThat(session.toString()).contains("alice").doesNotContain(session.csrfToken());
    }
}
