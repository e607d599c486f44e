package dev.iris.common.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class IrisHmacTest
{
    private static final String KEY = "a7a9d7657ac8837cd7dfed0b93f4b8b864007724d7fa21422c24f4ff0adb2e49";

    @Test
    void digestMatchesAKnownVector()
    {
        // Computed independently with Python:
        //   base64.urlsafe_b64encode(hmac.new(KEY, b"1 GET /v0/incidents ", hashlib.sha512).digest())
        String digest = IrisHmac.digest(KEY, 1, "GET", "/v0/incidents", "", null);
        assertThat(digest).isEqualTo(KNOWN_VECTOR);
        assertThat(digest).doesNotContain("+", "/");
        assertThat(digest).endsWith("==");
    }

    @Test
    void verifiesCurrentAndPreviousWindowsOfBothGrids()
    {
        long now = 1_700_000_003L;
        for (long window : new long[] {now / 5, now / 5 - 1, now / 30, now / 30 - 1}) {
            String digest = IrisHmac.digest(KEY, window, "POST", "/v0/incidents", "{\"plan\":\"p\"}", null);
            assertThat(IrisHmac.verify(digest, List.of(KEY), now, "POST", "/v0/incidents", "{\"plan\":\"p\"}", null)).isTrue();
        }
    }

    @Test
    void rejectsStaleWindows()
    {
        long now = 1_700_000_003L;
        String stale = IrisHmac.digest(KEY, now / 5 - 2, "GET", "/v0/incidents", "", null);
        assertThat(IrisHmac.verify(stale, List.of(KEY), now, "GET", "/v0/incidents", "", null)).isFalse();
        String staleThirty = IrisHmac.digest(KEY, now / 30 - 2, "GET", "/v0/incidents", "", null);
        assertThat(IrisHmac.verify(staleThirty, List.of(KEY), now, "GET", "/v0/incidents", "", null)).isFalse();
    }

    @Test
    void rejectsWrongKeyTamperedBodyAndPathAndUser()
    {
        long now = 1_700_000_003L;
        String digest = IrisHmac.digest(KEY, now / 5, "POST", "/v0/incidents", "{\"a\":1}", "alice");
        assertThat(IrisHmac.verify(digest, List.of("another-key"), now, "POST", "/v0/incidents", "{\"a\":1}", "alice")).isFalse();
        assertThat(IrisHmac.verify(digest, List.of(KEY), now, "POST", "/v0/incidents", "{\"a\":2}", "alice")).isFalse();
        assertThat(IrisHmac.verify(digest, List.of(KEY), now, "POST", "/v0/plans", "{\"a\":1}", "alice")).isFalse();
        assertThat(IrisHmac.verify(digest, List.of(KEY), now, "POST", "/v0/incidents", "{\"a\":1}", "bob")).isFalse();
        assertThat(IrisHmac.verify(digest, List.of(KEY), now, "POST", "/v0/incidents", "{\"a\":1}", null)).isFalse();
        assertThat(IrisHmac.verify(digest, List.of(KEY), now, "POST", "/v0/incidents", "{\"a\":1}", "alice")).isTrue();
    }

    @Test
    void acceptsTheSecondaryKey()
    {
        long now = 1_700_000_003L;
        String digest = IrisHmac.digest("secondary", now / 30, "GET", "/v0/plans?name=x", "", null);
        assertThat(IrisHmac.verify(digest, java.util.Arrays.asList(KEY, null, "secondary"), now, "GET", "/v0/plans?name=x", "", null)).isTrue();
    }

    /**
     * The digest is the HMAC of the whole signed text in UTF-8, though the text after the window
     * is encoded once for all candidates: the same for multi-byte bodies and usernames, and for
     * the same thread signing under several keys in turn.
     */
    @Test
    void digestIsTheHmacOfTheWholeTextInUtf8()
            throws Exception
    {
        String body = "{\"title\":\"disk \u00e9t\u00e9 \u2014 \ud83d\udd25\",\"markdown\":\"| 1 | a |\\n\"}";
        for (String key : List.of(KEY, "secondary", KEY)) {
            for (String username : java.util.Arrays.asList(null, "j\u00fcrgen")) {
                String text = "123 POST /v0/incidents?x=1 " + body + (username == null ? "" : " " + username);
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA512");
                mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA512"));
                String expected = java.util.Base64.getUrlEncoder().encodeToString(mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                assertThat(IrisHmac.digest(key, 123, "POST", "/v0/incidents?x=1", body, username)).isEqualTo(expected);
                assertThat(IrisHmac.verify(expected, List.of("other", key), 123 * 5, "POST", "/v0/incidents?x=1", body, username)).isTrue();
            }
        }
    }

    private static final String KNOWN_VECTOR = "_VFfVA47c92H80kEYP14u-BoLqGIAHPdrwbpPUEUOyhUyBdv2Tnask5GD384TuPgPnzMSaXEEcrwxqOeDPApSg==";
}
