package dev.iris.api.ui;

import dev.iris.api.testing.TestingIrisApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stats page in headless Chromium: a range picker (7/30/90 days, chosen days), numbers written
 * on the charts, and Iris's weekly figures (share claimed, median time to claim) per application.
 */
final class StatsBrowserTest
{
    private static TestingIrisApi api;
    private static Browser browser;

    @BeforeAll
    static void start()
    {
        api = TestingUi.start();
        TestingUi.seedGrafana(api);
        api.jdbi().useHandle(handle -> {
            // Three incidents two days ago: claimed after 2 and 10 minutes, and one nobody claimed; one 40 days ago.
            for (int[] incident : new int[][] {{2, 2}, {2, 10}, {2, -1}, {40, 4}}) {
                long id = handle.createUpdate("""
                                INSERT INTO incident (plan_id, created, updated, context, application_id, active)
                                SELECT p.plan_id, UTC_TIMESTAMP(3) - INTERVAL :days DAY, UTC_TIMESTAMP(3), '{}', a.id, 0
                                FROM plan_active p, application a WHERE p.name = 'grafana-plan' AND a.name = 'grafana'""")
                        .bind("days", incident[0]).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                if (incident[1] >= 0) {
                    handle.execute("""
                            INSERT INTO incident_event (incident_id, created, kind, actor, description)
                            SELECT id, created + INTERVAL ? MINUTE, 'claimed', 'alice', '' FROM incident WHERE id = ?""", incident[1], id);
                }
            }
        });
        browser = Browser.open(api.baseUri());
        browser.login("alice", TestingUi.ALICE_PASSWORD);
    }

    @AfterAll
    static void stop()
    {
        TestingUi.close(browser, api);
    }

    private static List<String> figureRow(String application)
    {
        for (WebElement row : browser.driver().findElements(By.cssSelector("#claim-figures tbody tr"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            if (cells.get(0).getText().equals(application)) {
                return cells.stream().map(WebElement::getText).toList();
            }
        }
        throw new AssertionError("no row for " + application);
    }

    @Test
    void rangesAndFiguresWithoutHovering()
    {
        browser.desktopSize();
        browser.get("/stats?days=7");
        assertThat(browser.find(By.id("stats-period")).getText()).startsWith("The last 7 days");
        assertThat(figureRow("grafana")).containsExactly("grafana", "3", "66.7% (2)", "6 min");
        // The counts are on the bars, not only in tooltips.
        assertThat(browser.driver().findElements(By.cssSelector("svg.chart text.value"))).extracting(WebElement::getText).contains("3");
        browser.screenshot("stats-7-days");

        browser.find(By.id("range-90")).click();
        browser.waitFor(ExpectedConditions.urlContains("days=90"));
        assertThat(figureRow("grafana")).containsExactly("grafana", "4", "75% (3)", "4 min");

        browser.phoneSize();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        browser.get("/stats/grafana?days=custom&from=" + today.minusDays(45) + "&to=" + today.minusDays(30));
        assertThat(browser.find(By.id("stats-period")).getText()).startsWith(today.minusDays(45) + " to " + today.minusDays(30));
        assertThat(figureRow("grafana")).containsExactly("grafana", "1", "100% (1)", "4 min");
        browser.screenshot("stats-phone");
    }
}
