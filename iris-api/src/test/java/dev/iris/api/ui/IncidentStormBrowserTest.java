package dev.iris.api.ui;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Point;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident list in a storm of 367 incidents, in headless Chromium at desktop and phone sizes:
 * true counts, dense rows that fit a screen, a change banner instead of rows moving under the
 * pointer, whole-row links, bulk claims, aggregated groups and HTML error pages. Saves the
 * screenshot the docs show ({@code docs/screenshots/incidents-storm.png}).
 */
final class IncidentStormBrowserTest
{
    private static final Logger log = LoggerFactory.getLogger(IncidentStormBrowserTest.class);
    private static TestingIrisApi api;
    private static Browser browser;
    private static IrisTestClient grafana;
    private static List<Long> storm;

    @BeforeAll
    static void start()
    {
        api = TestingUi.start();
        api.seed(seed -> {
            long alice = seed.target("alice", "user");
            long app = seed.application("grafana", "grafana-key", false, List.of("title"));
            seed.template("grafana-default", alice, app, List.of("email"), "{{title}}", "{{title}}");
            seed.plan("disk-plan", alice, "page alice", List.of(
                    SeedWriter.Notification.of(1, "user", alice, "high", "grafana-default", 0, 300),
                    SeedWriter.Notification.of(2, "user", alice, "urgent", "grafana-default", 0, 300)), 0, 0, 0, 0);
        });
        grafana = api.client("grafana", "grafana-key");
        storm = IncidentListPagesTest.storm(api, "disk-plan", "grafana", 367);
        api.jdbi().useHandle(handle -> {
            // Some ran out of plan with nobody answering, some are on step 2, five went out as one aggregated page.
            handle.execute("UPDATE incident SET active = 0 WHERE id IN (" + ids(storm.subList(10, 22)) + ")");
            handle.execute("UPDATE incident SET current_step = 2 WHERE id IN (" + ids(storm.subList(0, 6)) + ")");
            for (long id : storm.subList(30, 35)) {
                handle.execute("""
                        INSERT INTO message (created, application_id, target_id, incident_id, `status`, active, next_attempt_at, batch)
                        SELECT NOW(3), i.application_id, t.id, i.id, 'sent', 0, NOW(3), '0123456789abcdef0123456789abcdef'
                        FROM incident i, target t WHERE i.id = ? AND t.name = 'alice'""", id);
            }
        });
        browser = Browser.open(api.baseUri());
        browser.login("alice", TestingUi.ALICE_PASSWORD);
    }

    private static String ids(List<Long> ids)
    {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }

    private static long count(String where)
    {
        return api.jdbi().withHandle(handle -> handle.select("SELECT COUNT(*) FROM incident WHERE " + where).mapTo(Long.class).one());
    }

    @AfterAll
    static void stop()
    {
        TestingUi.close(browser, api);
    }

    @BeforeEach
    void desktop()
    {
        browser.desktopSize();
    }

    @Test
    void denseListShowsTrueCountsAndFillsTheScreenOnDesktopAndPhone()
    {
        browser.get("/incidents?dense=1");
        String count = browser.find(By.id("incident-count")).getText();
        // Other tests claim or add a few; the counts are the database's.
        assertThat(count).startsWith("1–200 of " + count("owner_id IS NULL AND resolved = 0") + " incidents")
                .contains(count("active = 1 AND owner_id IS NULL AND resolved = 0") + " active", "12 unacknowledged");
        assertThat(count("owner_id IS NULL AND resolved = 0")).isGreaterThanOrEqualTo(365);
        assertThat(browser.find(By.cssSelector("#incident-" + storm.get(0) + " .plan")).getText()).isEqualTo("disk-plan");
        assertThat(browser.find(By.cssSelector("#incident-" + storm.get(0) + " .step")).getText()).isEqualTo("2 of 2");
        assertThat(browser.find(By.cssSelector("#incident-" + storm.get(10) + " .badge")).getText()).isEqualTo("unacknowledged");
        assertThat(browser.find(By.id("batch-0123456789abcdef0123456789abcdef")).getText())
                .contains("these 5 incidents (the whole batch) were paged together as one message");
        long desktopRows = browser.visibleCount("tr.incident");
        Browser.publish(browser.screenshot("incidents-storm"), "incidents-storm.png");
        assertThat(desktopRows).as("rows fully visible at 1280x900").isGreaterThanOrEqualTo(16);

        browser.phoneSize();
        browser.get("/incidents?dense=1");
        long phoneRows = browser.visibleCount("tr.incident");
        Browser.publish(browser.screenshot("incidents-storm-phone"), "incidents-storm-phone.png");
        assertThat(phoneRows).as("rows fully visible at 390x844").isGreaterThanOrEqualTo(6);
        log.info("Incident rows fully visible in a storm (dense): desktop {}, phone {}", desktopRows, phoneRows);
    }

    @Test
    void newIncidentsAreAnnouncedAndNothingMovesUnderThePointer()
    {
        browser.get("/incidents?dense=1");
        WebElement watched = browser.find(By.id("incident-" + storm.get(3)));
        Point before = watched.getLocation();

        IrisTestClient.Response created = grafana.post("/v0/incidents", Map.of("plan", "disk-plan", "context", Map.of("title", "Arrived during the storm")));
        assertThat(created.status()).isEqualTo(201);
        long arrived = Long.parseLong(created.body().trim());

        WebElement banner = browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("changes-link")));
        assertThat(banner.getText()).startsWith("1 new incident");
        assertThat(browser.driver().findElements(By.id("incident-" + arrived))).isEmpty();
        assertThat(browser.find(By.id("incident-" + storm.get(3))).getLocation()).isEqualTo(before);

        banner.click();
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("incident-" + arrived)));
        assertThat(browser.find(By.id("incident-count")).getText()).startsWith("1–200 of " + count("owner_id IS NULL AND resolved = 0") + " incidents");
    }

    @Test
    void aClickAnywhereOnARowOpensItsIncident()
    {
        for (boolean phone : List.of(false, true)) {
            if (phone) {
                browser.phoneSize();
            }
            browser.get("/incidents");
            long id = storm.get(40);
            // Not the link itself: the plan cell, which the row's link covers.
            new Actions(browser.driver()).moveToElement(browser.find(By.cssSelector("#incident-" + id + " td.plan"))).click().perform();
            browser.waitFor(ExpectedConditions.urlContains("/incidents/" + id));
            assertThat(browser.path()).isEqualTo("/incidents/" + id);
        }
    }

    @Test
    void bulkClaimTakesTheTickedRows()
    {
        long first = storm.get(50);
        long second = storm.get(51);
        browser.get("/incidents?dense=1");
        browser.find(By.cssSelector("#incident-" + first + " input[type=checkbox]")).click();
        browser.find(By.cssSelector("#incident-" + second + " input[type=checkbox]")).click();
        assertThat(browser.find(By.id("selected-count")).getText()).isEqualTo("2 selected");
        browser.find(By.id("bulk-claim")).click();
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.ok")));
        assertThat(browser.find(By.cssSelector(".flash.ok")).getText()).isEqualTo("Claimed 2 incidents");
        long owned = api.jdbi().withHandle(handle -> handle.select(
                "SELECT COUNT(*) FROM incident i JOIN target t ON t.id = i.owner_id WHERE i.id IN (?, ?) AND t.name = 'alice'", first, second)
                .mapTo(Long.class).one());
        assertThat(owned).isEqualTo(2);
        assertThat(browser.driver().findElements(By.id("incident-" + first))).isEmpty();
    }

    @Test
    void missingPagesAreHtmlWithNavigation()
    {
        browser.get("/incidents/999999999");
        assertThat(browser.find(By.cssSelector("#error-page h1")).getText()).isEqualTo("Not Found");
        assertThat(browser.find(By.id("error-description")).getText()).isEqualTo("No incident 999999999");
        assertThat(browser.find(By.cssSelector("header.top nav")).getText()).contains("Incidents", "Plans");
        browser.find(By.id("error-home")).click();
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("incidents")));
    }
}
