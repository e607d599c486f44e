package dev.iris.api.ui;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter.Notification;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status page's administration in a real headless Chromium, as people use it during an
 * outage: an admin maps a component to an application, an alert opens an incident, a responder
 * posts a public update from the incident page, the public page shows it, and after the
 * resolution a postmortem drafted from the incident holds the real timeline, is edited, saved as a
 * new version and published.
 */
final class StatusAdminBrowserTest
{
    private static final String UPDATE = "Calls fail to connect; we have found the cause and are rolling back a change.";

    @Test
    void componentIncidentPublicUpdatePostmortem()
    {
        try (TestingIrisApi api = TestingUi.start(
                ConfigOverride.config("heartbeatCheckSeconds", "0"),
                ConfigOverride.config("status.recordSeconds", "0"),
                ConfigOverride.config("status.holdDown", "0 seconds"),
                ConfigOverride.config("status.cacheSeconds", "0"));
                Browser browser = Browser.open(api.baseUri())) {
            api.seed(seed -> {
                long bob = seed.user("bob", false, Map.of("email", "bob@example.com"));
                long app = seed.application("voice-app", "voice-key", false, List.of("title"));
                seed.template("voice-page", bob, app, List.of("email"), "alert", "alert");
                seed.plan("voice-oncall", bob, "", List.of(Notification.of(1, "user", bob, "urgent", "voice-page", 0, 300)), 0, 0, 0, 0);
            });

            // An admin defines the component and what feeds it.
            browser.login("root", TestingUi.ROOT_PASSWORD);
            browser.get("/incidents");
            browser.find(By.linkText("Status")).click();
            assertThat(browser.path()).isEqualTo("/components");
            browser.find(By.id("component-name")).sendKeys("Voice API");
            browser.find(By.id("component-description")).sendKeys("Calls and conferences");
            browser.find(By.id("component-feeds")).sendKeys("application:voice-app");
            submit(browser, By.id("create-component"));
            browser.waitFor(driver -> browser.path().matches("/components/[0-9]+"));
            String componentPage = browser.path();
            assertThat(browser.find(By.cssSelector(".flash.ok")).getText()).isEqualTo("Component Voice API created");
            assertThat(browser.find(By.id("component-state")).getText()).isEqualTo("Operational");
            browser.screenshot("status-admin-component");

            // Bad input answers with a readable page, not JSON or a stack trace.
            browser.get("/components");
            browser.find(By.id("component-name")).sendKeys("Broken");
            browser.find(By.id("component-feeds")).sendKeys("colour:blue");
            submit(browser, By.id("create-component"));
            assertThat(browser.find(By.cssSelector(".flash.error")).getText()).startsWith("Invalid feed");
            browser.get("/components/999999");
            assertThat(browser.find(By.id("error-title")).getText()).isEqualTo("Component not found");
            browser.get("/postmortems/not-a-number");
            assertThat(browser.find(By.id("error-title")).getText()).isEqualTo("Postmortem not found");

            // An alert: the component turns red by itself.
            assertThat(alert(api, "firing").status()).isEqualTo(201);
            long incident = api.jdbi().withHandle(h -> h.createQuery("SELECT MAX(id) FROM incident").mapTo(Long.class).one());
            browser.get(componentPage);
            assertThat(browser.find(By.id("component-state")).getText()).isEqualTo("Major outage");
            browser.get("/status");
            assertThat(browser.find(By.cssSelector(".component .state")).getText()).isEqualTo("Major outage");

            // A responder posts a public update from the incident page.
            browser.login("alice", TestingUi.ALICE_PASSWORD);
            browser.get("/incidents/" + incident);
            browser.find(By.id("public-text")).sendKeys("No title yet");
            submit(browser, By.id("post-public-update"));
            assertThat(browser.find(By.cssSelector(".flash.error")).getText()).startsWith("Missing title");
            browser.find(By.id("public-title")).sendKeys("Voice calls failing");
            new Select(browser.find(By.id("public-status"))).selectByValue("identified");
            browser.find(By.id("public-text")).sendKeys(UPDATE);
            submit(browser, By.id("post-public-update"));
            assertThat(browser.path()).isEqualTo("/incidents/" + incident);
            assertThat(browser.find(By.cssSelector(".flash.ok")).getText()).startsWith("Public update posted");
            browser.screenshot("status-admin-incident");
            browser.find(By.id("public-updates-link")).click();
            assertThat(browser.find(By.id("public-title-shown")).getText()).isEqualTo("Voice calls failing");
            assertThat(browser.find(By.id("incident-components")).getText()).isEqualTo("Voice API");
            assertThat(browser.find(By.cssSelector("#public-updates .update-body")).getText()).isEqualTo(UPDATE);

            browser.get("/status");
            assertThat(browser.find(By.cssSelector(".incident.open h2")).getText()).isEqualTo("Voice calls failing");
            assertThat(browser.find(By.cssSelector(".update-body")).getText()).isEqualTo(UPDATE);

            // Any user may override a state, with a reason the public sees; admins alone define components.
            browser.get(componentPage);
            assertThat(browser.driver().findElements(By.id("save-component"))).isEmpty();
            new Select(browser.find(By.id("override-state"))).selectByValue("partial_outage");
            browser.find(By.id("override-reason")).sendKeys("Calls work again in Europe; other regions recovering.");
            browser.find(By.id("override-minutes")).sendKeys("abc");
            submit(browser, By.id("set-override"));
            assertThat(browser.find(By.cssSelector(".flash.error")).getText()).startsWith("Invalid minutes");
            new Select(browser.find(By.id("override-state"))).selectByValue("partial_outage");
            browser.find(By.id("override-reason")).sendKeys("Calls work again in Europe; other regions recovering.");
            submit(browser, By.id("set-override"));
            assertThat(browser.find(By.id("component-state")).getText()).isEqualTo("Partial outage");
            assertThat(browser.find(By.id("automatic-state")).getText()).startsWith("Major outage");
            assertThat(browser.find(By.id("override")).getText()).contains("Calls work again in Europe", "by alice");
            browser.get("/status");
            assertThat(browser.find(By.cssSelector(".component .state")).getText()).isEqualTo("Partial outage");
            assertThat(browser.find(By.tagName("body")).getText()).contains("Calls work again in Europe").doesNotContain("alice");
            browser.get(componentPage);
            submit(browser, By.id("clear-override"));
            assertThat(browser.find(By.id("component-state")).getText()).isEqualTo("Major outage");

            // Resolved: green again; the postmortem draft holds the real timeline.
            browser.get("/incidents/" + incident);
            browser.find(By.id("comment")).sendKeys("Rolled back the release.");
            submit(browser, By.id("add-comment"));
            submit(browser, By.id("resolve"));
            browser.get("/status");
            assertThat(browser.find(By.cssSelector(".component .state")).getText()).isEqualTo("Operational");

            browser.get("/incidents/" + incident);
            submit(browser, By.id("draft-postmortem"));
            browser.waitFor(driver -> browser.path().matches("/postmortems/[0-9]+"));
            String postmortemPage = browser.path();
            WebElement editor = browser.find(By.id("postmortem-markdown"));
            String draft = editor.getAttribute("value");
            assertThat(draft).contains("## Apology", "## What happened", "## Remediation", "## Timeline (internal)");
            List<String> timeline = draft.lines().filter(line -> line.startsWith("- ")).toList();
            assertThat(String.join("\n", timeline)).containsSubsequence(
                    "Incident " + incident + " triggered by voice-app",
                    "Public update (identified): " + UPDATE,
                    "Responder alice commented: Rolled back the release.",
                    "Resolved by alice");
            browser.screenshot("status-admin-postmortem-draft");

            // Edit, save as version 2, see both versions, download, publish.
            String edited = draft.replace("_What we change so this does not happen again, and how we will know it worked._",
                    "We now roll a failing release back automatically within two minutes.");
            browser.driver().executeScript("arguments[0].value = arguments[1];", editor, edited);
            submit(browser, By.id("save-postmortem"));
            assertThat(browser.find(By.cssSelector(".flash.ok")).getText()).isEqualTo("Saved as version 2");
            assertThat(browser.find(By.id("postmortem-versions")).findElements(By.tagName("li"))).hasSize(2);
            assertThat(browser.find(By.id("postmortem-preview")).getText()).contains("We now roll a failing release back automatically");
            browser.find(By.linkText("Version 1")).click();
            assertThat(browser.find(By.id("postmortem-markdown")).getAttribute("value")).isEqualTo(draft);
            browser.get(postmortemPage);
            Object markdown = browser.driver().executeAsyncScript(
                    "var done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);",
                    browser.find(By.id("download-markdown")).getAttribute("href"));
            assertThat((String) markdown).contains("We now roll a failing release back automatically");

            browser.find(By.id("publish")).click();
            browser.driver().switchTo().alert().accept();
            browser.waitFor(driver -> !browser.find(By.id("published-state")).getText().startsWith("Not"));
            assertThat(browser.find(By.id("published-state")).getText()).startsWith("Published: version 2");
            browser.screenshot("status-admin-postmortem-published");
            String id = postmortemPage.substring(postmortemPage.lastIndexOf('/') + 1);
            browser.get("/status/postmortems/" + id);
            String published = browser.find(By.tagName("body")).getText();
            assertThat(published).contains("We now roll a failing release back automatically").doesNotContain("Timeline", "alice", "voice-app");

            browser.get(postmortemPage);
            submit(browser, By.id("unpublish"));
            assertThat(browser.find(By.id("published-state")).getText()).isEqualTo("Not published.");
        }
    }

    /**
     * Clicks a form's button and waits for the page it leads to.
     */
    private static void submit(Browser browser, By button)
    {
        browser.clickAndWaitForNextPage(button);
    }

    private static IrisTestClient.Response alert(TestingIrisApi api, String status)
    {
        String body = """
                {"receiver": "iris", "status": "%s", "version": "4", "groupKey": "{}:{alertname=\\"CallsFailing\\"}",
                 "groupLabels": {"alertname": "CallsFailing", "iris_plan": "voice-oncall"},
                 "commonLabels": {"alertname": "CallsFailing", "severity": "critical"},
                 "alerts": [{"status": "%s", "labels": {"alertname": "CallsFailing"}}]}
                """.formatted(status, status);
        return api.anonymous().post("/v0/webhooks/alertmanager?application=voice-app&key=voice-key", body);
    }
}
