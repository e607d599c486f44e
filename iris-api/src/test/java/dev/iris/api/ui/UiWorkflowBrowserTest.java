package dev.iris.api.ui;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser flows, end to end in headless Chromium over the real services: incidents
 * from the API to a claim in the list, the plan editor and its YAML round trip, the template
 * preview, and the priority-to-mode settings.
 */
final class UiWorkflowBrowserTest
{
    private static TestingIrisApi api;
    private static Browser browser;
    private static IrisTestClient grafana;

    @BeforeAll
    static void start()
    {
        api = TestingUi.start();
        api.seed(seed -> {
            long alice = seed.target("alice", "user");
            long bob = seed.user("bob", false, Map.of("email", "bob@example.com"));
            long app = seed.application("grafana", "grafana-key", false, List.of("title", "host"));
            seed.owner(app, alice);
            seed.template("grafana-default", alice, app, List.of("email", "sms"), "{{title}}", "{{title}} on {{host}}");
            seed.plan("grafana-plan", alice, "page alice", List.of(SeedWriter.Notification.of(1, "user", alice, "high", "grafana-default", 0, 300)), 0, 0, 0, 0);
            seed.plan("other-plan", bob, "page bob", List.of(SeedWriter.Notification.of(1, "user", bob, "high", "grafana-default", 0, 300)), 0, 0, 0, 0);
        });
        api.jdbi().useHandle(handle -> handle.execute("UPDATE application SET sample_context = ? WHERE name = 'grafana'",
                "{\"title\": \"Disk <full>\", \"host\": \"db1\"}"));
        grafana = api.client("grafana", "grafana-key");
        browser = Browser.open(api.baseUri());
        browser.login("alice", TestingUi.ALICE_PASSWORD);
    }

    @AfterAll
    static void stop()
    {
        try {
            if (browser != null) {
                browser.close();
            }
        }
        finally {
            api.close();
        }
    }

    private static long trigger(String title)
    {
        IrisTestClient.Response response = grafana.post("/v0/incidents", Map.of("plan", "grafana-plan", "context", Map.of("title", title, "host", "db1")));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return Long.parseLong(response.body().trim());
    }

    @Test
    void triggeredIncidentAppearsAndIsClaimedFromTheList()
    {
        browser.get("/incidents");
        long id = trigger("CPU on fire");
        // The list announces it without moving the rows; the banner shows it.
        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("changes-link"))).click();
        WebElement row = browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("incident-" + id)));
        assertThat(row.findElement(By.cssSelector(".summary")).getText()).isEqualTo("CPU on fire");
        browser.screenshot("incidents-live");

        browser.find(By.cssSelector("#incident-" + id + " button.claim")).click();
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.ok")));
        assertThat(browser.find(By.cssSelector(".flash.ok")).getText()).isEqualTo("Claimed incident " + id);
        Map<String, Object> incident = api.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT i.active, t.name AS owner FROM incident i JOIN target t ON t.id = i.owner_id WHERE i.id = :id""")
                .bind("id", id).mapToMap().one());
        assertThat(incident).containsEntry("owner", "alice");
        assertThat(incident.get("active")).isIn(false, 0, 0L);

        browser.get("/incidents/" + id);
        assertThat(browser.find(By.id("incident-state")).getText()).isEqualTo("claimed");
        assertThat(browser.find(By.id("incident-owner")).getText()).isEqualTo("alice");
        String timeline = browser.find(By.id("timeline")).getText();
        assertThat(timeline).contains("created").contains("claimed by alice");
        browser.find(By.id("comment")).sendKeys("Rebooted **db1**");
        browser.find(By.id("add-comment")).click();
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline .markdown strong")));
        browser.screenshot("incident-claimed");

        browser.find(By.id("unclaim")).click();
        browser.waitFor(ExpectedConditions.textToBe(By.id("incident-state"), "active"));
    }

    @Test
    void claimAllMineClaimsOnlyIncidentsThatPagedMe()
    {
        long mine = trigger("mine");
        long other = trigger("not mine");
        api.jdbi().useHandle(handle -> handle.execute("""
                INSERT INTO message (created, application_id, target_id, incident_id, `status`, active, next_attempt_at)
                SELECT NOW(3), a.id, t.id, ?, 'sent', 0, NOW(3) FROM application a, target t WHERE a.name = 'grafana' AND t.name = 'alice'""", mine));
        browser.get("/incidents");
        browser.find(By.id("claim-mine")).click();
        browser.driver().switchTo().alert().accept();
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.ok")));
        assertThat(owner(mine)).isEqualTo("alice");
        assertThat(owner(other)).isNull();
    }

    private static String owner(long incident)
    {
        return api.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT t.name FROM incident i LEFT JOIN target t ON t.id = i.owner_id WHERE i.id = :id""")
                .bind("id", incident).mapTo(String.class).one());
    }

    @Test
    void reescalatingClaimsTheIncidentAndOpensOneOnTheOtherPlan()
    {
        long id = trigger("escalate me");
        browser.get("/incidents/" + id);
        new Select(browser.find(By.id("reescalate-plan"))).selectByVisibleText("other-plan");
        browser.find(By.id("reescalate")).click();
        browser.driver().switchTo().alert().accept();
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.ok")));
        assertThat(browser.find(By.cssSelector(".flash.ok")).getText()).isEqualTo("Re-escalated from incident " + id);
        long created = Long.parseLong(browser.path().substring("/incidents/".length()));
        assertThat(created).isNotEqualTo(id);
        assertThat(browser.find(By.cssSelector("dd a[href^='/plans/']")).getText()).isEqualTo("other-plan");
        assertThat(browser.find(By.id("incident-context")).getText()).contains("escalate me");
        assertThat(browser.find(By.id("timeline")).getText()).contains("Re-escalated from incident " + id);
        assertThat(owner(id)).isEqualTo("alice");
    }

    @Test
    void testingAPlanOpensAnIncidentWithTheSampleContext()
    {
        browser.get("/plans/grafana-plan");
        new Select(browser.find(By.cssSelector("form[action$='/test'] select"))).selectByVisibleText("grafana");
        browser.find(By.id("test-plan")).click();
        // It asks first: real people get paged.
        browser.driver().switchTo().alert().accept();
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("incident-context")));
        assertThat(browser.find(By.cssSelector(".flash.ok")).getText()).isEqualTo("Test incident opened");
        assertThat(browser.find(By.id("incident-context")).getText()).contains("Disk <full>").contains("db1");
    }

    @Test
    void hostileContextFromTheApiShowsAsText()
    {
        long id = trigger("<script>window.pwned = 1</script>");
        browser.get("/incidents/" + id);
        assertThat(browser.find(By.id("incident-context")).getText()).contains("<script>window.pwned = 1</script>");
        assertThat(browser.find(By.id("incident-summary")).getText()).isEqualTo("<script>window.pwned = 1</script>");
        assertThat(browser.driver().executeScript("return window.pwned === undefined")).isEqualTo(true);
    }

    @Test
    void planEditorPublishesExportsAndImportsYaml()
            throws Exception
    {
        browser.get("/plans/new");
        browser.find(By.id("plan-name")).sendKeys("web-plan");
        browser.find(By.id("plan-description")).sendKeys("Web on-call");
        new Select(browser.find(By.id("step-0-0-role"))).selectByVisibleText("user");
        browser.find(By.id("step-0-0-target")).sendKeys("al");
        // The type-ahead offers alice.
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#targets-0-0 option[value='alice']")));
        browser.find(By.id("step-0-0-target")).sendKeys("ice");
        browser.find(By.id("step-0-0-template")).sendKeys("grafana-default");
        browser.find(By.id("add-step")).click();
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("step-1-0-target")));
        assertThat(browser.find(By.id("step-0-0-target")).getAttribute("value")).as("rows survive adding a step").isEqualTo("alice");
        new Select(browser.find(By.id("step-1-0-role"))).selectByVisibleText("user");
        browser.find(By.id("step-1-0-target")).sendKeys("bob");
        browser.find(By.id("step-1-0-template")).sendKeys("grafana-default");
        browser.find(By.id("step-1-0-count")).clear();
        browser.find(By.id("step-1-0-count")).sendKeys("3");
        browser.screenshot("plan-editor");
        browser.find(By.id("publish")).click();
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("plan-yaml")));
        assertThat(browser.find(By.cssSelector(".flash.ok")).getText()).isEqualTo("Published version 1");
        String yaml = browser.find(By.id("plan-yaml")).getText();
        assertThat(yaml).contains("name: web-plan").contains("target: alice").contains("target: bob").contains("repeat: 2");
        String firstVersion = browser.path().substring("/plans/".length());

        // The download is the same YAML.
        HttpResponse<String> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.baseUri().resolve("/plans/" + firstVersion + "/yaml"))
                .header("Cookie", "iris-session=" + browser.driver().manage().getCookieNamed("iris-session").getValue()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains("web-plan.yaml");
        assertThat(download.body().strip()).isEqualTo(yaml.strip());

        // A changed copy imports as a new version, with the API's validation.
        browser.get("/plans/import");
        browser.find(By.id("yaml")).sendKeys(yaml.replace("target: bob", "target: nobody-here"));
        browser.find(By.id("import")).click();
        assertThat(browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.error"))).getText())
                .isEqualTo("Invalid plan: Target nobody-here not found for step 2 (notification 1: target)");
        // The same file again is detected, and nothing is published.
        browser.get("/plans/import");
        browser.find(By.id("yaml")).sendKeys(yaml);
        browser.find(By.id("import")).click();
        assertThat(browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.ok"))).getText())
                .isEqualTo("Identical to the active version 1; nothing was imported");
        // A change shows its diff first and publishes only when confirmed.
        browser.get("/plans/import");
        browser.find(By.id("yaml")).sendKeys(yaml.replace("Web on-call", "Web on-call, v2"));
        browser.find(By.id("import")).click();
        String diff = browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("import-diff"))).getText();
        assertThat(diff).contains("-description: Web on-call", "+description: \"Web on-call, v2\"");
        long versions = api.jdbi().withHandle(handle -> handle.select("SELECT COUNT(*) FROM plan WHERE name = 'web-plan'").mapTo(Long.class).one());
        assertThat(versions).isEqualTo(1);
        browser.find(By.id("import")).click();
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("plan-yaml")));
        assertThat(browser.find(By.cssSelector(".flash.ok")).getText()).isEqualTo("Imported as version 2");
        assertThat(browser.path()).isNotEqualTo("/plans/" + firstVersion);
        assertThat(browser.find(By.id("plan-yaml")).getText()).contains("Web on-call, v2");
        assertThat(browser.find(By.id("plan-versions")).findElements(By.tagName("li"))).hasSize(2);
        browser.screenshot("plan");

        // The first version can be made active again.
        browser.get("/plans/" + firstVersion);
        browser.find(By.id("activate-plan")).click();
        browser.waitFor(ExpectedConditions.textToBe(By.cssSelector(".flash.ok"), "This version is now active"));
    }

    @Test
    void templateEditorPreviewsWithTheSampleContextAndShowsJinjaErrors()
    {
        browser.get("/templates/grafana-default");
        WebElement body = browser.find(By.id("content-0-body"));
        body.clear();
        body.sendKeys("Alert: {{ title }} on {{ host }} (incident {{ iris.incident_id }})");
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#preview-0 .template-body"), "Alert: Disk <full> on db1"));
        browser.screenshot("template-preview");

        body.sendKeys("\n{% if %}");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#preview-0 .template-error")));
        assertThat(browser.find(By.cssSelector("#preview-0 .template-error")).getText()).startsWith("Body:").contains("line 2");

        body.clear();
        body.sendKeys("New body {{ title }}");
        browser.find(By.id("publish")).click();
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.ok")));
        assertThat(browser.find(By.cssSelector(".flash.ok")).getText()).startsWith("Published version");
        assertThat(browser.find(By.id("content-0-body")).getAttribute("value")).isEqualTo("New body {{ title }}");
    }

    @Test
    void priorityToModeSettingIsSaved()
    {
        browser.get("/user");
        new Select(browser.find(By.id("mode-high"))).selectByVisibleText("email");
        browser.find(By.id("save-modes")).click();
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.ok")));
        assertThat(new Select(browser.find(By.id("mode-high"))).getFirstSelectedOption().getText()).isEqualTo("email");
        String stored = api.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT m.name FROM target_mode tm JOIN mode m ON m.id = tm.mode_id JOIN priority p ON p.id = tm.priority_id
                        JOIN target t ON t.id = tm.target_id WHERE t.name = 'alice' AND p.name = 'high'""")
                .mapTo(String.class).one());
        assertThat(stored).isEqualTo("email");

        // Per application too.
        new Select(browser.find(By.id("modes-application"))).selectByVisibleText("grafana");
        browser.find(By.cssSelector("form[action='/user'] button")).click();
        browser.waitFor(ExpectedConditions.urlContains("application=grafana"));
        new Select(browser.find(By.id("mode-urgent"))).selectByVisibleText("sms");
        browser.find(By.id("save-modes")).click();
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.ok")));
        assertThat(browser.find(By.cssSelector(".flash.ok")).getText()).isEqualTo("Saved your grafana modes");
        browser.screenshot("settings");
    }

    @Test
    void applicationPageShowsKeysToOwners()
    {
        browser.get("/applications/grafana");
        browser.find(By.id("show-keys")).click();
        assertThat(browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("application-keys"))).getText()).contains("grafana-key");
        browser.screenshot("application");
    }

    @Test
    void ownerSetsTheQuotaAndIncidentEmailsOnTheApplicationPage()
    {
        browser.get("/applications/grafana");
        type("quota-soft-threshold", "10");
        type("quota-soft-minutes", "5");
        type("quota-target", "alice");
        type("quota-hard-threshold", "8");
        type("quota-hard-minutes", "10");
        new Select(browser.find(By.id("quota-plan"))).selectByVisibleText("grafana-plan");
        type("quota-wait-minutes", "30");
        browser.find(By.id("save-quota")).click();
        // The API's rule, checked by the same code.
        assertThat(browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.error"))).getText())
                .isEqualTo("Hard threshold must be bigger than soft threshold");

        type("quota-soft-threshold", "10");
        type("quota-soft-minutes", "5");
        type("quota-target", "alice");
        type("quota-hard-threshold", "20");
        type("quota-hard-minutes", "10");
        new Select(browser.find(By.id("quota-plan"))).selectByVisibleText("grafana-plan");
        type("quota-wait-minutes", "30");
        browser.find(By.id("save-quota")).click();
        // The page before the click may show a flash of its own: wait for this one's text.
        browser.waitFor(ExpectedConditions.textToBe(By.cssSelector(".flash.ok"), "Quota saved"));
        assertThat(browser.find(By.id("quota-summary")).getText())
                .contains("more than 10 messages in 5 minutes notifies alice")
                .contains("more than 20 in 10 minutes")
                .contains("grafana-plan");
        IrisTestClient.Response quota = grafana.get("/v0/applications/grafana/quota");
        assertThat(quota.body()).contains("\"hard_quota_duration\":600").contains("\"soft_quota_duration\":300").contains("\"wait_time\":1800");

        type("incident-email", "alice@example.com");
        new Select(browser.find(By.id("incident-email-plan"))).selectByVisibleText("grafana-plan");
        browser.find(By.id("add-incident-email")).click();
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.error"),
                "These email addresses are also user's email addresses"));

        type("incident-email", "alerts@example.com");
        new Select(browser.find(By.id("incident-email-plan"))).selectByVisibleText("grafana-plan");
        browser.find(By.id("add-incident-email")).click();
        browser.waitFor(ExpectedConditions.textToBe(By.cssSelector(".flash.ok"), "alerts@example.com now opens incidents"));
        assertThat(browser.find(By.id("incident-emails")).getText()).contains("alerts@example.com → grafana-plan");
        assertThat(grafana.get("/v0/applications/grafana/incident_emails").body()).isEqualTo("{\"alerts@example.com\":\"grafana-plan\"}");
        browser.phoneSize();
        try {
            browser.screenshot("phone-application-quota");
        }
        finally {
            browser.desktopSize();
        }

        browser.find(By.cssSelector("#incident-emails button")).click();
        browser.waitFor(ExpectedConditions.textToBe(By.cssSelector(".flash.ok"), "alerts@example.com no longer opens incidents"));
        assertThat(browser.find(By.id("incident-emails")).getText()).doesNotContain("alerts@example.com");
    }

    @Test
    void chatContactsAreSavedFromTheSettingsPageAndBadOnesRefused()
    {
        browser.get("/user");
        type("contact-mattermost", "alice.b");
        type("contact-telegram", "123456789");
        browser.find(By.id("save-contacts")).click();
        assertThat(browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.ok"))).getText()).isEqualTo("Saved your contacts");
        assertThat(browser.find(By.id("contacts")).getText()).contains("mattermost", "alice.b", "telegram", "123456789");
        assertThat(contactOfAlice("telegram")).contains("123456789");

        type("contact-telegram", "@alice");
        browser.find(By.id("save-contacts")).click();
        assertThat(browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.error"))).getText()).contains("telegram");
        assertThat(contactOfAlice("telegram")).as("a refused contact changes nothing").contains("123456789");
    }

    private static java.util.Optional<String> contactOfAlice(String mode)
    {
        return api.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT c.destination FROM target_contact c JOIN mode m ON m.id = c.mode_id JOIN target t ON t.id = c.target_id
                        WHERE t.name = 'alice' AND m.name = :mode""")
                .bind("mode", mode).mapTo(String.class).findOne());
    }

    private static void type(String id, String text)
    {
        WebElement input = browser.find(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    @Test
    void mainPagesRenderOnDesktopAndPhone()
    {
        Map<String, String> pages = new java.util.LinkedHashMap<>();
        pages.put("/plans", "Plans");
        pages.put("/plans/grafana-plan", "Plan grafana-plan");
        pages.put("/templates", "Templates");
        pages.put("/applications", "Applications");
        pages.put("/applications/grafana", "Application grafana");
        pages.put("/messages", "Messages");
        pages.put("/stats", "Stats");
        pages.put("/stats/grafana", "Stats for grafana");
        pages.put("/user", "Settings for alice");
        for (boolean phone : List.of(false, true)) {
            if (phone) {
                browser.phoneSize();
            }
            try {
                pages.forEach((path, heading) -> {
                    browser.get(path);
                    assertThat(browser.find(By.tagName("h1")).getText()).as(path).startsWith(heading);
                    browser.screenshot((phone ? "phone" : "desktop") + path.replace('/', '-'));
                });
            }
            finally {
                browser.desktopSize();
            }
        }
        browser.get("/plans");
        assertThat(browser.driver().findElements(By.cssSelector("#plans a"))).extracting(WebElement::getText).contains("grafana-plan", "other-plan");
    }

    @Test
    void sessionActsAsTheUserOnTheApi()
            throws Exception
    {
        String cookie = browser.driver().manage().getCookieNamed("iris-session").getValue();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.baseUri().resolve("/v0/users/alice"))
                .header("Cookie", "iris-session=" + cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\":\"alice\"");

        // An unsafe request with the cookie but without the session's CSRF token is not the session's.
        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.baseUri().resolve("/v0/incidents/claim"))
                .header("Cookie", "iris-session=" + cookie)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"owner\": \"alice\", \"incident_ids\": []}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
    }
}
