package dev.iris.api.ui;

import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The maintenance page in headless Chromium, on a phone and a desktop: open a window for an
 * application, see an incident triggered inside it marked silenced, end the window.
 */
final class MaintenanceBrowserTest
{
    private static TestingIrisApi api;
    private static Browser browser;
    private static IrisTestClient grafana;

    @BeforeAll
    static void start()
    {
        api = TestingUi.start();
        TestingUi.seedGrafana(api);
        grafana = api.client("grafana", "grafana-key");
        browser = Browser.open(api.baseUri());
        browser.login("alice", TestingUi.ALICE_PASSWORD);
    }

    @AfterAll
    static void stop()
    {
        TestingUi.close(browser, api);
    }

    @Test
    void openAWindowSeeIncidentsSilencedAndEndIt()
    {
        browser.phoneSize();
        browser.get("/maintenance");
        new Select(browser.find(By.id("maintenance-scope"))).selectByValue("application");
        browser.find(By.id("maintenance-name")).sendKeys("grafana");
        new Select(browser.find(By.id("maintenance-minutes"))).selectByValue("120");
        browser.find(By.id("maintenance-reason")).sendKeys("Grafana upgrade");
        browser.find(By.id("maintenance-open")).click();
        String flash = browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.ok"))).getText();
        assertThat(flash).startsWith("Opened maintenance window ");
        long window = Long.parseLong(flash.substring("Opened maintenance window ".length()));
        assertThat(browser.find(By.id("maintenance-" + window)).getText()).contains("application grafana", "in effect", "Grafana upgrade", "alice");
        browser.screenshot("maintenance-phone");

        IrisTestClient.Response created = grafana.post("/v0/incidents", Map.of("plan", "grafana-plan", "context", Map.of("title", "during the upgrade")));
        long incident = Long.parseLong(created.body().trim());
        browser.desktopSize();
        browser.get("/incidents");
        assertThat(browser.find(By.cssSelector("#incident-" + incident + " .badge")).getText()).isEqualTo("silenced");
        assertThat(browser.find(By.id("count-silenced")).getText()).isEqualTo("1 silenced");
        browser.get("/incidents?state=active");
        assertThat(browser.driver().findElements(By.id("incident-" + incident))).isEmpty();
        browser.get("/incidents?state=silenced");
        assertThat(browser.driver().findElements(By.id("incident-" + incident))).hasSize(1);
        browser.get("/incidents/" + incident);
        assertThat(browser.find(By.id("timeline")).getText()).contains("silenced", "maintenance window " + window);

        browser.get("/maintenance");
        browser.find(By.cssSelector("#maintenance-" + window + " button.end-window")).click();
        browser.driver().switchTo().alert().accept();
        browser.waitFor(ExpectedConditions.textToBe(By.cssSelector(".flash.ok"), "Ended maintenance window " + window));
        browser.get("/incidents/" + incident);
        assertThat(browser.find(By.id("incident-state")).getText()).isEqualTo("active");
        assertThat(browser.find(By.id("timeline")).getText()).contains("unsilenced");
    }
}
