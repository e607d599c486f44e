package dev.iris.api;

import dev.iris.api.testing.ApiFixtures;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.TestingIrisApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

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
        assertThat(api.client("app", "app-key").get("/v0/modes").status()).isEqualTo(200);
        assertThat(api.client("app", "app-secondary").get("/v0/modes").status()).isEqualTo(200);
    }

    @Test
    void theSignatureWindowIsReadOnThisHostsClockNotTheDatabases()
    {
        // The database's clock 12 s behind (more than two 5-second windows): its NOW() is frozen
        // in every API session. The rest of the API runs on the database's clock; the HMAC window
        // must not, or a client signing just after a window began is refused whenever the
        // measured database clock is a little behind.
        long behind = java.time.Instant.now().minusSeconds(12).getEpochSecond();
        try (TestingIrisApi skewed = TestingIrisApi.start(url -> url + (url.contains("?") ? "&" : "?") + "sessionVariables=timestamp=" + behind)) {
            skewed.seed(ApiFixtures::titledApplicationsAndAlice);
            assertThat(skewed.client("app", "app-key").get("/v0/modes").status()).isEqualTo(200);
        }
    }

    @Test
    void wrongKeyIsRejected()
    {
        IrisTestClient.Response response = api.client("app", "not-the-key").get("/v0/modes");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("title").asText()).isEqualTo("Authentication failure");
        assertThat(response.json().get("description").asText()).isEqualTo("HMAC failed validation. Check API key/clock skew");
        assertThat(response.body()).doesNotContain("app-key");
    }

    @Test
    void unknownApplicationIsRejected()
    {
        IrisTestClient.Response response = api.client("nobody", "key").get("/v0/modes");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("title").asText()).isEqualTo("Authentication failure");
    }

    @Test
    void malformedHeaderIsRejected()
    {
        IrisTestClient.Response response = api.anonymous().withHeader("Authorization", "Bearer abc").get("/v0/modes");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("description").asText()).isEqualTo("Malformed/missing HMAC authorization header");
    }

    @Test
    void usernameNeedsAnAppThatMayAuthenticateUsers()
    {
        IrisTestClient.Response refused = api.client("app", "app-key").as("alice").get("/v0/modes");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("title").asText()).isEqualTo("This application does not have the power to authenticate usernames");
        assertThat(trustedClient(api).as("alice").get("/v0/modes").status()).isEqualTo(200);
    }

    @Test
    void signatureCoversTheUsername()
    {
        // Signed for alice, sent claiming to be bob.
        IrisTestClient.Response response = trustedClient(api).as("alice").withHeader("X-IRIS-USERNAME", "bob").get("/v0/modes");
        assertThat(response.status()).isEqualTo(401);
    }

    /**
     * Iris serves its public reads (allow_read_no_auth) without looking at credentials at all, so
     * a client with a wrong key or a skewed clock still reads them.
     */
    @Test
    void publicReadsIgnoreCredentials()
    {
        assertThat(api.client("app", "not-the-key").get("/healthcheck").status()).isEqualTo(200);
        assertThat(api.client("nobody", "key").get("/v0/applications/app").status()).isEqualTo(200);
        assertThat(api.anonymous().withHeader("Authorization", "Bearer abc").get("/v0/plans?limit=1").status()).isEqualTo(200);
        // Writes and private reads still need a valid signature.
        assertThat(api.client("app", "not-the-key").post("/v0/incidents", "{}").status()).isEqualTo(401);
        assertThat(api.client("app", "not-the-key").get("/v0/modes").status()).isEqualTo(401);
    }

    /**
     * Iris's header middleware puts these on every answer, errors included.
     */
    @Test
    void everyAnswerCarriesIrisSecurityHeaders()
    {
        for (IrisTestClient.Response response : List.of(
                api.anonymous().get("/v0/plans?limit=1"),
                api.anonymous().get("/v0/incidents"),
                api.anonymous().post("/v0/incidents", "{}"),
                api.anonymous().get("/v0/nothing-here"),
                api.anonymous().get("/healthcheck"))) {
            assertThat(response.header("X-Frame-Options")).as(response.toString()).isEqualTo("SAMEORIGIN");
            assertThat(response.header("X-Content-Type-Options")).as(response.toString()).isEqualTo("nosniff");
            assertThat(response.header("X-XSS-Protection")).as(response.toString()).isEqualTo("1; mode=block");
        }
    }

    @Test
    void unknownPathsGetJson404()
    {
        IrisTestClient.Response response = api.anonymous().get("/v0/nothing-here");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("title").asText()).isEqualTo("Not Found");
    }
}
