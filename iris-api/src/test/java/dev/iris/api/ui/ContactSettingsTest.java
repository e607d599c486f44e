package dev.iris.api.ui;

import dev.iris.api.testing.TestingIrisApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat and push contacts people set on their settings page ({@code POST /user/contacts}).
 */
final class ContactSettingsTest
{
    private static TestingIrisApi api;
    private UiHttp http;
    private String csrf;

    @BeforeAll
    static void start()
    {
        api = TestingUi.start();
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @BeforeEach
    void login()
    {
        http = new UiHttp(api.baseUri());
        csrf = http.login("alice", TestingUi.ALICE_PASSWORD);
    }

    @Test
    void aPersonSetsChangesAndRemovesTheirNtfyTopic()
    {
        assertThat(http.get("/user").body()).contains("id=\"contact-ntfy\"");

        HttpResponse<String> saved = http.postForm("/user/contacts", Map.of("contact.ntfy", " alice-pager-7f3k ", "csrf", csrf));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(flash(saved)).contains("message=Saved your contacts");
        assertThat(contact("alice", "ntfy")).contains("alice-pager-7f3k");
        assertThat(http.get("/user").body()).contains("value=\"alice-pager-7f3k\"");

        api.jdbi().useHandle(handle -> handle.execute("UPDATE target_contact SET disabled = 1 WHERE destination = 'alice-pager-7f3k'"));
        http.postForm("/user/contacts", Map.of("contact.ntfy", "alice-pager-new", "csrf", csrf));
        assertThat(contact("alice", "ntfy")).contains("alice-pager-new");
        int disabled = api.jdbi().withHandle(handle -> handle.createQuery("SELECT disabled FROM target_contact WHERE destination = 'alice-pager-new'")
                .mapTo(Integer.class).one());
        assertThat(disabled).as("a new address is enabled again").isZero();

        http.postForm("/user/contacts", Map.of("contact.ntfy", "", "csrf", csrf));
        assertThat(contact("alice", "ntfy")).isEmpty();
        assertThat(contact("alice", "email")).as("other contacts stay").contains("alice@example.com");
    }

    @Test
    void anInvalidTopicIsRefusedWithAReason()
    {
        HttpResponse<String> refused = http.postForm("/user/contacts", Map.of("contact.ntfy", "https://ntfy.sh/x y", "csrf", csrf));

        assertThat(refused.statusCode()).isEqualTo(303);
        assertThat(flash(refused)).contains("error=Invalid ntfy contact");
        assertThat(contact("alice", "ntfy")).isEmpty();
    }

    @Test
    void aPersonSetsTheirMattermostUsernameWithoutTheAt()
    {
        assertThat(http.get("/user").body()).contains("id=\"contact-mattermost\"");

        HttpResponse<String> refused = http.postForm("/user/contacts", Map.of("contact.mattermost", "@alice", "csrf", csrf));
        assertThat(flash(refused)).contains("error=Invalid mattermost contact");
        assertThat(contact("alice", "mattermost")).isEmpty();

        http.postForm("/user/contacts", Map.of("contact.mattermost", "alice.smith", "csrf", csrf));
        assertThat(contact("alice", "mattermost")).contains("alice.smith");
        http.postForm("/user/contacts", Map.of("contact.mattermost", "", "csrf", csrf));
        assertThat(contact("alice", "mattermost")).isEmpty();
    }

    @Test
    void aPersonSetsTheirTeamsSignIn()
    {
        assertThat(http.get("/user").body()).contains("id=\"contact-teams\"");

        assertThat(flash(http.postForm("/user/contacts", Map.of("contact.teams", "alice", "csrf", csrf)))).contains("error=Invalid teams contact");
        http.postForm("/user/contacts", Map.of("contact.teams", "alice.smith@example.com", "csrf", csrf));
        assertThat(contact("alice", "teams")).contains("alice.smith@example.com");
    }

    @Test
    void directoryModesAreNotSetHere()
    {
        http.postForm("/user/contacts", Map.of("contact.sms", "+15559999999", "csrf", csrf));

        assertThat(contact("alice", "sms")).contains("+15550001111");
    }

    @Test
    void withoutTheFormTokenNothingChanges()
    {
        HttpResponse<String> forged = http.postForm("/user/contacts", Map.of("contact.ntfy", "mallory-topic"));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(contact("alice", "ntfy")).isEmpty();
    }

    private static String flash(HttpResponse<String> response)
    {
        return URLDecoder.decode(response.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
    }

    private static Optional<String> contact(String user, String mode)
    {
        return api.jdbi().withHandle(handle -> handle.createQuery("""
                SELECT c.destination FROM target_contact c JOIN target t ON t.id = c.target_id JOIN mode m ON m.id = c.mode_id
                WHERE t.name = :user AND m.name = :mode""").bind("user", user).bind("mode", mode).mapTo(String.class).findOne());
    }
}
