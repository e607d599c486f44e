package dev.iris.api.ui;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class RedirectsTest
{
    @Test
    void keepsPathsOnThisSite()
    {
        assertThat(Redirects.safeNext("/plans/web-plan?version=3")).isEqualTo("/plans/web-plan?version=3");
        assertThat(Redirects.safeNext("/incidents/12")).isEqualTo("/incidents/12");
    }

    @Test
    void refusesEverythingElse()
    {
        assertThat(Redirects.safeNext(null)).isEqualTo("/incidents");
        assertThat(Redirects.safeNext("")).isEqualTo("/incidents");
        assertThat(Redirects.safeNext("https://evil.example/")).isEqualTo("/incidents");
        assertThat(Redirects.safeNext("//evil.example/")).isEqualTo("/incidents");
        assertThat(Redirects.safeNext("/\\evil.example/")).isEqualTo("/incidents");
        assertThat(Redirects.safeNext("/a\\b")).isEqualTo("/incidents");
        assertThat(Redirects.safeNext("javascript:alert(1)")).isEqualTo("/incidents");
        assertThat(Redirects.safeNext("/ok\r\nSet-Cookie: x=y")).isEqualTo("/incidents");
        assertThat(Redirects.safeNext("/login?next=/x")).as("no loop back to login").isEqualTo("/incidents");
    }
}
