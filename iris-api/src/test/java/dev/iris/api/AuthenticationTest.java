package dev.iris.api;

import dev.iris.api.testing.ApiFixtures;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.iris.api.testing.ApiFixtures.trustedClient;
import static org.assertj.core.api.Assertions.assertThat;

final class AuthenticationTest
{
    private static TestingIrisApi api;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start();
        api.seed(ApiFixtures::titledApplicationsAndAlice);
        api.jdbi().useHandle(handle -> handle.execute("UPDATE application SET secondary_key = 'app-secondary' WHERE name = 'app'"));
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void healthcheckNeedsNoCredentials()
    {
        IrisTestClient.Response response = api.anonymous().get("/healthcheck");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("GOOD");
    }

    @Test
    void missingAuthorizationIsRejectedWithIrisError()
    {
        IrisTestClient.Response response = api.anonymous().post("/healthcheck", "{}");
        // POST to a GET-only resource: Jersey answers 405 before authentication, as JSON.
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.json().get("title").asText()).isEqualTo("Method Not Allowed");
    }

    @Test
    void signedRequestsWithPrimaryOrSecondaryKeyPass()
    {
        assertThat(api.client("app", "app-key").get("/healthcheck").status()).isEqualTo(200);
        assertThat(api.client("app", "app-secondary").get("/healthcheck").status()).isEqualTo(200);
    }

    @Test
    void wrongKeyIsRejected()
    {
        IrisTestClient.Response response = api.client("app", "not-the-key").get("/healthcheck");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("title").asText()).isEqualTo("Authentication failure");
        assertThat(response.json().get("description").asText()).isEqualTo("HMAC failed validation. Check API key/clock skew");
        assertThat(response.body()).doesNotContain("app-key");
    }

    @Test
    void unknownApplicationIsRejected()
    {
        IrisTestClient.Response response = api.client("nobody", "key").get("/healthcheck");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("title").asText()).isEqualTo("Authentication failure");
    }

    @Test
    void malformedHeaderIsRejected()
    {
        IrisTestClient.Response response = api.anonymous().withHeader("Authorization", "Bearer abc").get("/healthcheck");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("description").asText()).isEqualTo("Malformed/missing HMAC authorization header");
    }

    @Test
    void usernameNeedsAnAppThatMayAuthenticateUsers()
    {
        IrisTestClient.Response refused = api.client("app", "app-key").as("alice").get("/healthcheck");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("title").asText()).isEqualTo("This application does not have the power to authenticate usernames");
        assertThat(trustedClient(api).as("alice").get("/healthcheck").status()).isEqualTo(200);
    }

    @Test
    void signatureCoversTheUsername()
    {
        // Signed for alice, sent claiming to be bob.
        IrisTestClient.Response response = trustedClient(api).as("alice").withHeader("X-IRIS-USERNAME", "bob").get("/healthcheck");
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void unknownPathsGetJson404()
    {
        IrisTestClient.Response response = api.anonymous().get("/v0/nothing-here");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("title").asText()).isEqualTo("Not Found");
    }
}
