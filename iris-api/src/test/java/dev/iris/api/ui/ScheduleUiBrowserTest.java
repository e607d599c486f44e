package dev.iris.api.ui;

import dev.iris.api.testing.TestingIrisApi;
import dev.iris.core.schedule.ScheduleDocument;
import dev.iris.core.schedule.ScheduleDocument.RotationSpec;
import dev.iris.core.schedule.ScheduleService;
import dev.iris.core.team.TeamChannels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedule page in a real headless Chromium: who is on call now and next, a timeline of the
 * coming weeks with the gaps in red, and the team's chat channels.
 */
final class ScheduleUiBrowserTest
{
    private static TestingIrisApi api;
    private static Browser browser;

    @BeforeAll
    static void start()
    {
        api = TestingUi.start();
        api.seed(seed -> {
            long bob = seed.user("bob", false, Map.of("email", "bob@example.com"));
            long alice = seed.target("alice", "user");
            seed.team("ops", List.of(alice, bob));
        });
        ScheduleService schedules = new ScheduleService(api.jdbi(), Clock.systemUTC());
        // A weekly primary rotation, and a secondary staffed only in business hours: nights and
        // weekends are gaps.
        schedules.apply("ops", new ScheduleDocument("ops", 60, List.of(
                new RotationSpec("weekly", "primary", "Europe/Berlin", "2024-01-01T09:00", "1w", "none", List.of("alice", "bob")),
                new RotationSpec("days", "secondary", "Europe/Berlin", "2024-01-01T09:00", "1d", "business-hours", List.of("bob")))),
                "test", false);
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

    @Test
    void timelineShowsWhoIsOnCallAndGapsInRed()
    {
        browser.get("/schedules");
        assertThat(browser.driver().getPageSource()).contains("/schedules/ops");
        browser.find(By.linkText("ops")).click();
        assertThat(browser.path()).isEqualTo("/schedules/ops");
        browser.screenshot("schedule");

        WebElement primary = browser.find(By.id("role-primary"));
        assertThat(primary.findElement(By.cssSelector(".current")).getText()).matches("(alice|bob) \\(until .*\\)");
        assertThat(primary.findElements(By.cssSelector("svg.timeline g.segment.oncall"))).hasSizeGreaterThanOrEqualTo(4);
        assertThat(primary.findElements(By.cssSelector("svg.timeline g.segment.gap"))).isEmpty();

        WebElement secondary = browser.find(By.id("role-secondary"));
        List<WebElement> gaps = secondary.findElements(By.cssSelector("svg.timeline g.segment.gap rect"));
        // Four weeks of nights and weekends.
        assertThat(gaps).hasSizeGreaterThanOrEqualTo(16);
        assertThat(gaps).allSatisfy(gap -> assertThat(gap.getAttribute("fill")).isEqualTo("#d32f2f"));
        // The browser lays the red blocks out with a width: they are drawn, not just present. Not
        // every one: the gap the timeline opens or ends in may be minutes long, under a pixel.
        assertThat(gaps).anySatisfy(gap -> assertThat(gap.getSize().getWidth()).isPositive());
        assertThat(secondary.findElement(By.cssSelector(".gaps")).getText()).contains("with nobody on call");

        browser.get("/schedules/no-such-team");
        assertThat(browser.find(By.tagName("body")).getText()).doesNotContain("Exception");
    }

    @Test
    void membersSetTheChatChannelCountdownsArePostedIn()
    {
        browser.get("/schedules/ops");
        WebElement mattermost = browser.find(By.id("channel-mattermost"));
        mattermost.clear();
        mattermost.sendKeys("~ops-oncall");
        browser.find(By.id("save-channels")).click();
        assertThat(browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.ok"))).getText())
                .isEqualTo("Saved the chat channels of ops");
        assertThat(browser.find(By.id("channel-mattermost")).getAttribute("value")).isEqualTo("~ops-oncall");
        assertThat(new TeamChannels(api.jdbi()).channels("ops")).containsExactly(Map.entry("mattermost", "~ops-oncall"));

        WebElement telegram = browser.find(By.id("channel-telegram"));
        telegram.clear();
        telegram.sendKeys("ops chat");
        browser.find(By.id("save-channels")).click();
        assertThat(browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.error"))).getText())
                .isEqualTo("Invalid channel: The telegram channel must be a group chat id, such as -1001234567890");
        assertThat(new TeamChannels(api.jdbi()).channels("ops")).as("a refused form changes nothing").containsExactly(Map.entry("mattermost", "~ops-oncall"));
    }
}
