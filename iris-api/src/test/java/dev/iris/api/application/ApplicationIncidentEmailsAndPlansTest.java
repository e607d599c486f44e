package dev.iris.api.application;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.iris.api.testing.ApiFixtures.badRequestTitle;
import static dev.iris.api.testing.ApiFixtures.names;
import static dev.iris.api.testing.ApiFixtures.ownerAdminAndOther;
import static dev.iris.api.testing.ApiFixtures.trustedApplication;
import static dev.iris.api.testing.ApiFixtures.trustedClient;
import static org.assertj.core.api.Assertions.assertThat;

final class ApplicationIncidentEmailsAndPlansTest
{
    private static TestingIrisApi api;
    private static IrisTestClient trusted;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            trustedApplication(seed);
            long owner = ownerAdminAndOther(seed, Map.of("email", "owner@example.com"));
            long shop = seed.application("shop", "shop-key", false, List.of());
            long bank = seed.application("bank", "bank-key", false, List.of());
            seed.owner(shop, owner);
            seed.template("shop-page", owner, shop, List.of("email", "sms"), "subject", "body");
            seed.template("bank-page", owner, bank, List.of("email"), "subject", "body");
            seed.plan("shop-plan", owner, "pages the shop", List.of(
                    SeedWriter.Notification.of(1, "user", owner, "high", "shop-page", 0, 60),
                    SeedWriter.Notification.of(2, "user", owner, "urgent", "shop-page", 1, 300)), 300, 10, 300, 300);
            seed.plan("bank-plan", owner, "pages the bank", List.of(SeedWriter.Notification.of(1, "user", owner, "high", "bank-page", 0, 60)), 0, 0, 0, 0);
            seed.plan("mixed-plan", owner, "both", List.of(
                    SeedWriter.Notification.of(1, "user", owner, "high", "bank-page", 0, 60),
                    SeedWriter.Notification.of(2, "user", owner, "high", "shop-page", 0, 60)), 0, 0, 0, 0);
            seed.plan("retired-plan", owner, "inactive", List.of(SeedWriter.Notification.of(1, "user", owner, "high", "shop-page", 0, 60)), 0, 0, 0, 0);
        });
        api.jdbi().useHandle(handle -> handle.execute("DELETE FROM plan_active WHERE name = 'retired-plan'"));
        trusted = trustedClient(api);
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void plansListsActivePlansWithTemplatesForTheApplication()
    {
        IrisTestClient.Response response = api.anonymous().get("/v0/applications/shop/plans");
        assertThat(response.status()).isEqualTo(200);
        assertThat(names(response.json())).containsExactly("mixed-plan", "shop-plan");
        JsonNode plan = response.json().get(1);
        List<String> fields = new ArrayList<>();
        plan.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "name", "threshold_window", "threshold_count", "aggregation_window", "aggregation_reset",
                "tracking_type", "tracking_key", "tracking_template", "description", "created", "creator", "active");
        assertThat(plan.get("creator").asText()).isEqualTo("owner");
        assertThat(plan.get("active").asInt()).isEqualTo(1);
        assertThat(plan.get("threshold_window").asInt()).isEqualTo(300);
        assertThat(plan.get("created").isIntegralNumber()).isTrue();
        assertThat(plan.get("created").asLong()).isGreaterThan(1_600_000_000L);
        assertThat(names(api.anonymous().get("/v0/applications/bank/plans").json())).containsExactly("bank-plan", "mixed-plan");
    }

    @Test
    void plansAcceptFiltersAndFields()
    {
        IrisTestClient.Response response = api.anonymous().get("/v0/applications/shop/plans?name__startswith=shop&fields=name,creator");
        assertThat(response.json().toString()).isEqualTo("[{\"name\":\"shop-plan\",\"creator\":\"owner\"}]");
        assertThat(names(api.anonymous().get("/v0/applications/shop/plans?description__contains=both").json())).containsExactly("mixed-plan");
        assertThat(names(api.anonymous().get("/v0/applications/shop/plans?name__in=shop-plan,bank-plan").json())).containsExactly("shop-plan");
        assertThat(names(api.anonymous().get("/v0/applications/shop/plans?created__gt=0&ignored=1").json())).hasSize(2);
        assertThat(api.anonymous().get("/v0/applications/shop/plans?active=0").json()).isEmpty();
        IrisTestClient.Response badType = api.anonymous().get("/v0/applications/shop/plans?id=abc");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().get("title").asText()).isEqualTo("invalid argument type");
        assertThat(api.anonymous().get("/v0/applications/shop/plans?name__near=x").status()).isEqualTo(400);
        assertThat(api.anonymous().get("/v0/applications/nope/plans").status()).isEqualTo(400);
    }

    @Test
    void incidentEmailsAreReplacedAsAWhole()
    {
        IrisTestClient owner = trusted.as("owner");
        IrisTestClient.Response put = owner.put("/v0/applications/shop/incident_emails",
                Map.of("alerts@shop.example", "shop-plan", "audit@shop.example", "mixed-plan"));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("[]");
        assertThat(trusted.get("/v0/applications/shop/incident_emails").json().toString())
                .isEqualTo("{\"alerts@shop.example\":\"shop-plan\",\"audit@shop.example\":\"mixed-plan\"}");

        assertThat(owner.put("/v0/applications/shop/incident_emails", Map.of("alerts@shop.example", "mixed-plan")).status()).isEqualTo(200);
        assertThat(trusted.get("/v0/applications/shop/incident_emails").json().toString()).isEqualTo("{\"alerts@shop.example\":\"mixed-plan\"}");

        assertThat(owner.put("/v0/applications/shop/incident_emails", Map.of()).status()).isEqualTo(200);
        assertThat(trusted.get("/v0/applications/shop/incident_emails").body()).isEqualTo("{}");
    }

    @Test
    void incidentEmailRules()
    {
        IrisTestClient owner = trusted.as("owner");
        assertThat(badRequestTitle(owner.put("/v0/applications/shop/incident_emails", Map.of("owner@example.com", "shop-plan"))))
                .isEqualTo("These email addresses are also user's email addresses which is not allowed: owner@example.com");
        assertThat(badRequestTitle(owner.put("/v0/applications/shop/incident_emails", Map.of("x@shop.example", "bank-plan"))))
                .isEqualTo("Failed adding x@shop.example -> bank-plan combination. This plan does not have any templates which support this app.");
        assertThat(badRequestTitle(owner.put("/v0/applications/shop/incident_emails", Map.of("x@shop.example", "retired-plan"))))
                .isEqualTo("Failed adding x@shop.example -> retired-plan combination. This plan does not have any templates which support this app.");
        assertThat(badRequestTitle(owner.put("/v0/applications/shop/incident_emails", "{oops"))).isEqualTo("Invalid json in post body");

        assertThat(trusted.as("admin").put("/v0/applications/bank/incident_emails", Map.of("bank@bank.example", "bank-plan")).status()).isEqualTo(200);
        assertThat(badRequestTitle(owner.put("/v0/applications/shop/incident_emails", Map.of("bank@bank.example", "shop-plan"))))
                .isEqualTo("These email addresses are already in use by another app: bank@bank.example");

        IrisTestClient.Response noUser = trusted.put("/v0/applications/shop/incident_emails", Map.of());
        assertThat(noUser.status()).isEqualTo(401);
        assertThat(noUser.json().get("title").asText()).isEqualTo("You must be a logged in user to change this application's email incident settings");
        IrisTestClient.Response byOther = trusted.as("other").put("/v0/applications/shop/incident_emails", Map.of());
        assertThat(byOther.status()).isEqualTo(403);
        assertThat(byOther.json().get("title").asText()).isEqualTo("You don't have permissions to change this application's email incident settings.");
        assertThat(api.anonymous().get("/v0/applications/shop/incident_emails").status()).isEqualTo(401);
    }
}
