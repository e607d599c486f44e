package dev.iris.api.category;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.iris.api.testing.ApiFixtures.badRequestTitle;
import static dev.iris.api.testing.ApiFixtures.ownerAdminAndOther;
import static dev.iris.api.testing.ApiFixtures.trustedApplication;
import static dev.iris.api.testing.ApiFixtures.trustedClient;
import static org.assertj.core.api.Assertions.assertThat;

final class CategoryResourceTest
{
    private static TestingIrisApi api;
    private static IrisTestClient trusted;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(seed -> {
            trustedApplication(seed);
            long owner = ownerAdminAndOther(seed, Map.of());
            seed.owner(seed.application("shop", "shop-key", false, List.of()), owner);
            seed.application("bank", "bank-key", false, List.of());
        });
        trusted = trustedClient(api);
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void postedListBecomesTheApplicationsCategories()
    {
        IrisTestClient shop = api.client("shop", "shop-key");
        IrisTestClient.Response created = shop.post("/v0/categories/shop", List.of(
                Map.of("name", "deploys", "description", "Deploy notices", "mode", "email"),
                Map.of("name", "outages", "description", "Outages", "mode", "sms")));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body()).isEqualTo("{}");

        JsonNode categories = api.anonymous().get("/v0/categories/shop").json();
        assertThat(categories).hasSize(2);
        JsonNode deploys = categories.get(0);
        List<String> fields = new ArrayList<>();
        deploys.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "name", "application", "description", "mode");
        assertThat(deploys.get("application").asText()).isEqualTo("shop");
        long deploysId = deploys.get("id").asLong();

        // A user's override of a category that disappears goes with it.
        api.jdbi().useHandle(handle -> handle.execute("""
                INSERT INTO category_override (user_id, category_id, mode_id)
                SELECT t.id, c.id, m.id FROM target t, notification_category c, mode m
                WHERE t.name = 'owner' AND c.name = 'outages' AND m.name = 'call'"""));

        assertThat(trusted.as("owner").post("/v0/categories/shop", List.of(
                Map.of("name", "deploys", "description", "Deploys, changed", "mode", "slack"),
                Map.of("name", "billing", "description", "Billing", "mode", "email"))).status()).isEqualTo(200);
        JsonNode after = api.anonymous().get("/v0/categories?application=shop").json();
        assertThat(after).extracting(node -> node.get("name").asText()).containsExactly("billing", "deploys");
        JsonNode changed = after.get(1);
        assertThat(changed.get("id").asLong()).isEqualTo(deploysId);
        assertThat(changed.get("description").asText()).isEqualTo("Deploys, changed");
        assertThat(changed.get("mode").asText()).isEqualTo("slack");
        int overrides = api.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM category_override").mapTo(Integer.class).one());
        assertThat(overrides).isZero();

        assertThat(trusted.as("admin").post("/v0/categories/shop", List.of()).status()).isEqualTo(200);
        assertThat(api.anonymous().get("/v0/categories/shop").json()).isEmpty();
    }

    @Test
    void searchFilters()
    {
        api.client("bank", "bank-key").post("/v0/categories/bank", List.of(
                Map.of("name", "fraud", "description", "Fraud", "mode", "call"),
                Map.of("name", "statements", "description", "Statements", "mode", "email")));
        assertThat(names(api.anonymous().get("/v0/categories?application=bank&mode=call"))).containsExactly("fraud");
        assertThat(names(api.anonymous().get("/v0/categories/bank?name__startswith=state"))).containsExactly("statements");
        assertThat(names(api.anonymous().get("/v0/categories/bank?mode__in=call,email"))).containsExactly("fraud", "statements");
        assertThat(names(api.anonymous().get("/v0/categories?unknown=1&application=bank"))).hasSize(2);
        assertThat(api.anonymous().get("/v0/categories/nobody").json()).isEmpty();
    }

    @Test
    void replaceNeedsOwnerAdminOrTheApplication()
    {
        List<Map<String, String>> body = List.of(Map.of("name", "x", "description", "", "mode", "email"));
        IrisTestClient.Response byOther = trusted.as("other").post("/v0/categories/shop", body);
        assertThat(byOther.status()).isEqualTo(401);
        assertThat(byOther.json().get("title").asText()).isEqualTo("You don't have permissions to create this category");
        assertThat(trusted.post("/v0/categories/shop", body).status()).isEqualTo(401);
        assertThat(api.client("bank", "bank-key").post("/v0/categories/shop", body).status()).isEqualTo(401);
        assertThat(api.anonymous().post("/v0/categories/shop", body).status()).isEqualTo(401);
        assertThat(api.anonymous().get("/v0/categories/shop?name=x").json()).isEmpty();
    }

    @Test
    void replaceRejectsBadLists()
    {
        IrisTestClient admin = trusted.as("admin");
        assertThat(badRequestTitle(admin.post("/v0/categories/shop", List.of(Map.of("name", "x", "mode", "email")))))
                .isEqualTo("Missing required attributes");
        assertThat(badRequestTitle(admin.post("/v0/categories/shop", Map.of("name", "x")))).isEqualTo("Missing required attributes");
        assertThat(badRequestTitle(admin.post("/v0/categories/shop", List.of(Map.of("name", "x", "description", "", "mode", "pager")))))
                .isEqualTo("Invalid mode");
        assertThat(badRequestTitle(admin.post("/v0/categories/shop", "nope"))).isEqualTo("Invalid json in post body");
        assertThat(badRequestTitle(admin.post("/v0/categories/shop", List.of(Map.of("name", "x".repeat(300), "description", "", "mode", "email")))))
                .isEqualTo("Invalid value");
        IrisTestClient.Response unknown = admin.post("/v0/categories/nobody", List.of());
        assertThat(unknown.status()).isEqualTo(404);
    }

    private static List<String> names(IrisTestClient.Response response)
    {
        assertThat(response.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.json().forEach(node -> names.add(node.get("name").asText()));
        return names;
    }
}
