package dev.iris.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.testing.seed.SeedWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed data and assertions the iris-api tests share.
 */
public final class ApiFixtures
{
    public static final String TRUSTED_APPLICATION = "trusted";
    public static final String TRUSTED_KEY = "trusted-key";

    private ApiFixtures() {}

    /**
     * Seeds the application {@value #TRUSTED_APPLICATION}, which may act for any user and has no
     * template variables.
     */
    public static void trustedApplication(SeedWriter seed)
    {
        seed.application(TRUSTED_APPLICATION, TRUSTED_KEY, true, List.of());
    }

    /**
     * Seeds the users {@code owner} (with {@code ownerContacts}), {@code admin} (an Iris admin) and
     * {@code other}; returns the owner's id.
     */
    public static long ownerAdminAndOther(SeedWriter seed, Map<String, String> ownerContacts)
    {
        long owner = seed.user("owner", false, ownerContacts);
        seed.user("admin", true, Map.of());
        seed.user("other", false, Map.of());
        return owner;
    }

    /**
     * Seeds the applications {@code app} and {@value #TRUSTED_APPLICATION} (both with the template
     * variable {@code title}) and the user {@code alice} without contacts.
     */
    public static void titledApplicationsAndAlice(SeedWriter seed)
    {
        seed.application("app", "app-key", false, List.of("title"));
        seed.application(TRUSTED_APPLICATION, TRUSTED_KEY, true, List.of("title"));
        seed.user("alice", false, Map.of());
    }

    /**
     * A client signed as {@value #TRUSTED_APPLICATION}.
     */
    public static IrisTestClient trustedClient(TestingIrisApi api)
    {
        return api.client(TRUSTED_APPLICATION, TRUSTED_KEY);
    }

    /**
     * Asserts an Iris error with {@code status} and {@code title}.
     */
    public static void assertError(IrisTestClient.Response response, int status, String title)
    {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("title").asText()).isEqualTo(title);
    }

    /**
     * Asserts an Iris error with {@code status}, {@code title} and, unless null, {@code description}.
     */
    public static void assertError(IrisTestClient.Response response, int status, String title, String description)
    {
        assertError(response, status, title);
        if (description != null) {
            assertThat(response.json().path("description").asText()).isEqualTo(description);
        }
    }

    /**
     * Asserts a 400 and returns its title.
     */
    public static String badRequestTitle(IrisTestClient.Response response)
    {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        return response.json().get("title").asText();
    }

    /**
     * The {@code id} of each row of a JSON array of objects.
     */
    public static List<Long> ids(JsonNode rows)
    {
        List<Long> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.get("id").asLong()));
        return ids;
    }

    /**
     * The {@code name} of each row of a JSON array of objects.
     */
    public static List<String> names(JsonNode rows)
    {
        List<String> names = new ArrayList<>();
        rows.forEach(row -> names.add(row.get("name").asText()));
        return names;
    }
}
