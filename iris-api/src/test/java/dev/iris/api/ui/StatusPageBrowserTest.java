package dev.iris.api.ui;

import dev.iris.api.testing.ApiFixtures;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter.Notification;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public status page in a real headless Chromium at phone size: green, red after a webhook
 * alert with no human action, the public update shown, green again after the alert resolves.
 */
final class StatusPageBrowserTest
{
    @Test
    void publicPageFollowsAWebhookAlertOnAPhone()
    {
        try (TestingIrisApi api = TestingIrisApi.start(
                ConfigOverride.config("heartbeatCheckSeconds", "0"),
                ConfigOverride.config("status.holdDown", "0 seconds"),
                ConfigOverride.config("status.cacheSeconds", "0"))) {
            api.seed(seed -> {
                ApiFixtures.trustedApplication(seed);
                long owner = seed.user("owner", false, Map.of("email", "owner@example.com"));
                seed.user("root", true, Map.of());
                long app = seed.application("prometheus", "prometheus-key", false, List.of("title"));
                seed.template("page", owner, app, List.of("email"), "alert", "alert");
                seed.plan("demo-oncall", owner, "", List.of(Notification.of(1, "user", owner, "urgent", "page", 0, 300)), 0, 0, 0, 0);
            });
            IrisTestClient root = ApiFixtures.trustedClient(api).as("root");
            assertThat(root.post("/v0/status/components", Map.of("name", "Demo API", "feeds", List.of("label:service=demo"))).status()).isEqualTo(201);

            try (Browser browser = Browser.open(api.baseUri())) {
                browser.phoneSize();
                browser.get("/status");
                assertThat(browser.find(By.id("overall")).getText()).isEqualTo("All Systems Operational");
                assertThat(browser.find(By.cssSelector(".component .state")).getText()).isEqualTo("Operational");
                assertThat(browser.find(By.cssSelector(".bars")).findElements(By.cssSelector(".bar"))).hasSize(90);
                browser.screenshot("status-green-phone");

                assertThat(alert(api, "firing").status()).isEqualTo(201);
                browser.get("/status");
                assertThat(browser.find(By.cssSelector(".component .state")).getText()).isEqualTo("Major outage");
                assertThat(browser.find(By.id("overall")).getText()).isEqualTo("Major Service Outage");
                List<org.openqa.selenium.WebElement> bars = browser.find(By.cssSelector(".bars")).findElements(By.cssSelector(".bar"));
                assertThat(bars.get(89).getAttribute("class")).contains("major_outage");
                assertThat(bars.get(88).getAttribute("class")).isEqualTo("bar operational");
                assertThat(browser.find(By.cssSelector(".incident.unexplained")).getText()).contains("problem with Demo API");
                // Readable on a phone: nothing wider than the screen.
                Long width = (Long) browser.driver().executeScript("return document.documentElement.scrollWidth;");
                assertThat(width).isLessThanOrEqualTo(390L);
                browser.screenshot("status-red-phone");

                long incident = api.jdbi().withHandle(h -> h.createQuery("SELECT MAX(id) FROM incident").mapTo(Long.class).one());
                ApiFixtures.trustedClient(api).as("owner").post("/v0/status/incidents/" + incident + "/updates",
                        Map.of("status", "identified", "title", "Demo API errors", "text", "A bad deploy; we are rolling it back."));
                browser.get("/status");
                assertThat(browser.find(By.cssSelector(".incident.open h2")).getText()).isEqualTo("Demo API errors");
                assertThat(browser.find(By.cssSelector(".update-body")).getText()).isEqualTo("A bad deploy; we are rolling it back.");
                assertThat(browser.driver().findElements(By.cssSelector(".incident.unexplained"))).isEmpty();
                browser.screenshot("status-update-phone");

                assertThat(alert(api, "resolved").status()).isEqualTo(200);
                browser.get("/status");
                assertThat(browser.find(By.cssSelector(".component .state")).getText()).isEqualTo("Operational");
                assertThat(browser.find(By.id("overall")).getText()).isEqualTo("All Systems Operational");
                browser.screenshot("status-green-again-phone");
            }
        }
    }

    private static IrisTestClient.Response alert(TestingIrisApi api, String status)
    {
        String body = """
                {"receiver": "iris", "status": "%s", "version": "4", "groupKey": "{}:{alertname=\\"DemoErrors\\"}",
                 "groupLabels": {"alertname": "DemoErrors", "iris_plan": "demo-oncall"},
                 "commonLabels": {"alertname": "DemoErrors", "service": "demo", "severity": "critical"},
                 "alerts": [{"status": "%s", "labels": {"alertname": "DemoErrors", "service": "demo"}}]}
                """.formatted(status, status);
        return api.anonymous().post("/v0/webhooks/alertmanager?application=prometheus&key=prometheus-key", body);
    }
}
