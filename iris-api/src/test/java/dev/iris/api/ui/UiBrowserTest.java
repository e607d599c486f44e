package dev.iris.api.ui;

import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI in a real headless Chromium.
 */
final class UiBrowserTest
{
    private static TestingIrisApi api;
    private static Browser browser;

    @BeforeAll
    static void start()
    {
        api = TestingUi.start(ConfigOverride.config("devMode", "true"));
        api.seed(seed -> {
            long alice = seed.target("alice", "user");
            long app = seed.application("grafana", "grafana-key", false, List.of("title", "host"));
            seed.template("grafana-default", alice, app, List.of("email", "sms"), "{{title}}", "{{title}} on {{host}}");
            seed.plan("grafana-plan", alice, "page alice", List.of(SeedWriter.Notification.of(1, "user", alice, "high", "grafana-default", 0, 300)), 0, 0, 0, 0);
        });
        browser = Browser.open(api.baseUri());
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

    private static long insertIncident(String contextJson)
    {
        return api.jdbi().inTransaction(handle -> {
            long id = handle.createUpdate("""
                            INSERT INTO incident (plan_id, created, updated, context, application_id, active)
                            SELECT p.plan_id, NOW(3), NOW(3), :context, a.id, 1
                            FROM plan_active p, application a WHERE p.name = 'grafana-plan' AND a.name = 'grafana'""")
                    .bind("context", contextJson)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            handle.execute("INSERT INTO incident_event (incident_id, created, kind, actor) VALUES (?, NOW(3), 'created', NULL)", id);
            return id;
        });
    }

    @Test
    void loginRedirectsBackToTheRequestedPage()
    {
        browser.driver().manage().deleteAllCookies();
        browser.get("/stats");
        assertThat(browser.path()).isEqualTo("/login");
        browser.screenshot("login");
        browser.find(By.id("username")).sendKeys("alice");
        browser.find(By.id("password")).sendKeys("wrong");
        browser.find(By.id("login")).click();
        WebElement error = browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.error")));
        assertThat(error.getText()).isEqualTo("Invalid username or password");

        browser.find(By.id("password")).sendKeys(TestingUi.ALICE_PASSWORD);
        browser.find(By.id("login")).click();
        browser.waitFor(ExpectedConditions.urlContains("/stats"));
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Stats");
        assertThat(browser.driver().findElements(By.cssSelector("svg.chart"))).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void hostileContextValuesShowAsText()
    {
        long id = insertIncident("{\"title\": \"<script>window.pwned = 1</script><img src=x onerror=\\\"window.pwned = 2\\\">\", \"host\": \"db1\"}");
        browser.login("alice", TestingUi.ALICE_PASSWORD);
        browser.get("/incidents?state=all");
        WebElement row = browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("incident-" + id)));
        assertThat(row.findElement(By.cssSelector(".summary")).getText()).isEqualTo("<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">");
        assertThat(row.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.driver().executeScript("return window.pwned === undefined")).isEqualTo(true);
        browser.screenshot("incidents");
    }

    @Test
    void incidentPageShowsContextPlanAndTimeline()
    {
        long id = insertIncident("{\"title\": \"<b>Hot</b> disk\", \"host\": {\"name\": \"db3\"}}");
        api.jdbi().useHandle(handle -> {
            long message = handle.createUpdate("""
                            INSERT INTO message (created, sent, application_id, target_id, mode_id, destination, incident_id, subject, body,
                                                 `status`, delivery_status, active, next_attempt_at)
                            SELECT NOW(3), NOW(3), a.id, t.id, 4, '+15550001111', :incident, 'Hot disk', 'Hot disk', 'sent', 'delivered', 0, NOW(3)
                            FROM application a, target t WHERE a.name = 'grafana' AND t.name = 'alice'""")
                    .bind("incident", id)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            handle.execute("INSERT INTO message_changelog (`date`, message_id, change_type, old, new, description) VALUES (NOW(3), ?, 'mode-change', 'call', 'sms', 'user setting')", message);
            handle.execute("""
                    INSERT INTO comment (incident_id, created, user_id, content)
                    SELECT ?, NOW(3), target_id, ? FROM `user` u JOIN target t ON t.id = u.target_id WHERE t.name = 'alice'""",
                    id, "Looking at **it**. <script>window.pwned = 3</script> [x](javascript:alert(1))");
        });
        browser.login("alice", TestingUi.ALICE_PASSWORD);
        browser.get("/incidents/" + id);
        assertThat(browser.find(By.id("incident-context")).getText()).contains("<b>Hot</b> disk").contains("{\"name\":\"db3\"}");
        assertThat(browser.find(By.id("incident-context")).findElements(By.tagName("b"))).isEmpty();
        String timeline = browser.find(By.id("timeline")).getText();
        assertThat(timeline).contains("created").contains("to alice by sms: sent (delivered)").contains("mode-change: call → sms").contains("Comment by alice");
        WebElement comment = browser.find(By.cssSelector("#timeline .markdown"));
        assertThat(comment.findElement(By.tagName("strong")).getText()).isEqualTo("it");
        assertThat(comment.getText()).contains("<script>window.pwned = 3</script>");
        assertThat(comment.findElement(By.tagName("a")).getAttribute("href")).doesNotContain("javascript");
        assertThat(browser.driver().executeScript("return window.pwned === undefined")).isEqualTo(true);
        browser.screenshot("incident");
    }

    @Test
    void incidentListWorksOnAPhone()
    {
        insertIncident("{\"title\": \"Disk full\", \"host\": \"db2\"}");
        browser.login("alice", TestingUi.ALICE_PASSWORD);
        browser.phoneSize();
        try {
            browser.get("/incidents");
            assertThat(browser.find(By.cssSelector("label.nav-button")).isDisplayed()).isTrue();
            assertThat(browser.find(By.cssSelector(".top nav")).isDisplayed()).as("navigation folds away").isFalse();
            WebElement claim = browser.find(By.cssSelector("button.claim"));
            assertThat(claim.getSize().getHeight()).as("tap target").isGreaterThanOrEqualTo(44);
            browser.screenshot("incidents-phone");
            browser.find(By.cssSelector("label.nav-button")).click();
            assertThat(browser.find(By.cssSelector(".top nav")).isDisplayed()).isTrue();
        }
        finally {
            browser.desktopSize();
        }
    }
}
