package dev.iris.api.ui;

import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Safe plan editing in headless Chromium: the plan page says who gets paged, when and how (a
 * simulation for a chosen start) and what happens at the end; the editor simulates a draft before
 * publishing; a new plan cannot take an existing plan's name; count 0 is refused; testing a plan
 * asks first. Saves {@code docs/screenshots/plan-simulation.png}.
 */
final class PlanConsoleBrowserTest
{
    private static TestingIrisApi api;
    private static Browser browser;

    @BeforeAll
    static void start()
    {
        api = TestingUi.start();
        api.seed(seed -> {
            long alice = seed.target("alice", "user");
            long bob = seed.user("bob", false, Map.of("email", "bob@example.com"));
            long team = seed.team("db-team", List.of(alice, bob));
            long app = seed.application("grafana", "grafana-key", false, List.of("title"));
            seed.template("grafana-default", alice, app, List.of("email", "sms"), "{{title}}", "{{title}}");
            seed.plan("db-plan", alice, "database on-call", List.of(
                    SeedWriter.Notification.of(1, "team", team, "high", "grafana-default", 1, 300),
                    SeedWriter.Notification.of(2, "user", bob, "urgent", "grafana-default", 0, 600)), 0, 0, 0, 0);
        });
        browser = Browser.open(api.baseUri());
        browser.login("alice", TestingUi.ALICE_PASSWORD);
    }

    @AfterAll
    static void stop()
    {
        TestingUi.close(browser, api);
    }

    /**
     * A datetime-local field takes typed digits per part; setting the value is what a picker does.
     */
    private static void setValue(WebElement input, String value)
    {
        browser.driver().executeScript("arguments[0].value = arguments[1]", input, value);
    }

    private static long count(String sql)
    {
        return api.jdbi().withHandle(handle -> handle.select(sql).mapTo(Long.class).one());
    }

    @Test
    void planPageSimulatesAChosenStartAndSaysHowThePlanEnds()
    {
        browser.desktopSize();
        browser.get("/plans/db-plan");
        assertThat(browser.find(By.id("plan-version")).getText()).isEqualTo("version 1");
        assertThat(browser.find(By.id("plan-end")).getText()).contains("the plan ends", "unacknowledged");
        setValue(browser.find(By.id("simulate-at")), "2027-01-15T08:00");
        browser.find(By.id("simulate")).click();
        browser.waitFor(ExpectedConditions.urlContains("at=2027-01-15T08"));
        List<String> rows = browser.driver().findElements(By.cssSelector("#simulation tbody tr")).stream().map(WebElement::getText).toList();
        // Step 1: the team (alice, bob) twice, 5 minutes apart; step 2: bob, 10 minutes in.
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).contains("2027-01-15 08:00:00", "at once", "alice", "team db-team");
        assertThat(rows.get(2)).contains("2027-01-15 08:05:00", "+5 min");
        assertThat(rows.get(4)).contains("2027-01-15 08:10:00", "bob", "urgent");
        assertThat(browser.find(By.id("simulation-notes")).getText()).contains("the plan ends at +1200s", "unacknowledged");
        Browser.publish(browser.screenshot("plan-simulation"), "plan-simulation.png");
    }

    @Test
    void testingAPlanAsksBeforePaging()
    {
        long before = count("SELECT COUNT(*) FROM incident");
        browser.get("/plans/db-plan");
        browser.find(By.id("test-plan")).click();
        assertThat(browser.driver().switchTo().alert().getText()).contains("the people in this plan will be paged");
        browser.driver().switchTo().alert().dismiss();
        assertThat(count("SELECT COUNT(*) FROM incident")).isEqualTo(before);
    }

    @Test
    void newPlanCannotTakeAnExistingNameAndCountZeroIsRefused()
    {
        browser.get("/plans/new");
        browser.find(By.id("plan-name")).sendKeys("db-plan");
        new Select(browser.find(By.id("step-0-0-role"))).selectByVisibleText("user");
        browser.find(By.id("step-0-0-target")).sendKeys("alice");
        browser.find(By.id("step-0-0-template")).sendKeys("grafana-default");
        browser.find(By.id("publish")).click();
        assertThat(browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.error"))).getText())
                .startsWith("Plan name taken: A plan named db-plan already exists");
        assertThat(count("SELECT COUNT(*) FROM plan WHERE name = 'db-plan'")).isEqualTo(1);

        WebElement name = browser.find(By.id("plan-name"));
        name.clear();
        name.sendKeys("fresh-plan");
        browser.find(By.id("step-0-0-count")).clear();
        browser.find(By.id("step-0-0-count")).sendKeys("0");
        browser.find(By.id("publish")).click();
        // The page before had a flash error of its own (the taken name): wait for this one's.
        assertThat(browser.waitForText(By.cssSelector(".flash.error"), "count must be at least 1"))
                .isEqualTo("Invalid plan: Step 1, notification 1: count must be at least 1 (the number of times to page)");
        assertThat(count("SELECT COUNT(*) FROM plan WHERE name = 'fresh-plan'")).isZero();
    }

    @Test
    void editorSimulatesTheDraftBeforePublishing()
    {
        browser.get("/plans/db-plan/edit");
        browser.find(By.id("step-1-0-wait")).clear();
        browser.find(By.id("step-1-0-wait")).sendKeys("15");
        setValue(browser.find(By.id("simulate-at")), "2027-01-15T08:00");
        browser.find(By.id("simulate-draft")).click();
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("simulation")));
        assertThat(browser.find(By.id("simulation-notes")).getText()).contains("the plan ends at +1500s");
        // Simulating published nothing.
        assertThat(count("SELECT COUNT(*) FROM plan WHERE name = 'db-plan'")).isEqualTo(1);
        assertThat(browser.find(By.id("step-1-0-wait")).getAttribute("value")).isEqualTo("15");
    }
}
