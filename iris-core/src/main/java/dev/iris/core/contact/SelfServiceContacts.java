package dev.iris.core.contact;

import dev.iris.common.http.IrisException;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The contacts a person sets on their own settings page: the addresses of the chat and push
 * channels, which no directory (LDAP, Oncall) knows. Phone numbers, email and Slack names keep
 * coming from the directory sync, as in Iris. Each mode has a rule for what its address looks
 * like, checked before anything is stored.
 */
public final class SelfServiceContacts
{
    /**
     * A mode people may set, with the shape of its address and a hint for the form.
     */
    public record Rule(String mode, Pattern address, String hint) {}

    /** In the order the settings page shows them. */
    private static final Map<String, Rule> RULES = rules(
            new Rule("ntfy", Pattern.compile("[-_A-Za-z0-9]{1,64}"), "your ntfy topic (letters, digits, - and _; pick one hard to guess)"),
            new Rule("telegram", Pattern.compile("[0-9]{1,20}"), "your Telegram user id (a number; the Iris bot tells you when you write /start)"),
            new Rule("mattermost", Pattern.compile("[a-z][a-z0-9._-]{2,21}"), "your Mattermost username, without the @"),
            new Rule("teams", Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63})+"), "your Microsoft Teams sign-in, as in alice@example.com"));

    private final Jdbi jdbi;

    @Inject
    public SelfServiceContacts(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    public static Map<String, Rule> rules()
    {
        return RULES;
    }

    /**
     * Sets (or, for a blank address, removes) {@code username}'s contact for {@code mode}.
     *
     * @throws IrisException 400 for a mode people cannot set or an address of the wrong shape
     */
    public void set(String username, String mode, String address)
    {
        Rule rule = Optional.ofNullable(mode).map(RULES::get)
                .orElseThrow(() -> IrisException.badRequest("Invalid mode", "Contacts for " + mode + " are not set here"));
        String value = address == null ? "" : address.strip();
        if (value.isEmpty()) {
            jdbi.useTransaction(handle -> handle.attach(ContactDao.class).remove(username, rule.mode()));
            return;
        }
        if (!rule.address().matcher(value).matches()) {
            throw IrisException.badRequest("Invalid " + rule.mode() + " contact", "Expected " + rule.hint());
        }
        jdbi.useTransaction(handle -> {
            ContactDao contacts = handle.attach(ContactDao.class);
            if (!contacts.modeExists(rule.mode())) {
                throw IrisException.badRequest("Invalid " + rule.mode() + " contact", "The mode " + rule.mode() + " is not installed");
            }
            contacts.set(username, rule.mode(), value);
        });
    }

    private static Map<String, Rule> rules(Rule... rules)
    {
        Map<String, Rule> byMode = new LinkedHashMap<>();
        for (Rule rule : rules) {
            byMode.put(rule.mode(), rule);
        }
        return java.util.Collections.unmodifiableMap(byMode);
    }
}
