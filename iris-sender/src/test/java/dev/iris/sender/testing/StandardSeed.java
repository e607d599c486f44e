package dev.iris.sender.testing;

import dev.iris.testing.seed.SeedWriter;
import dev.iris.testing.seed.SeedWriter.Notification;

import java.util.List;
import java.util.Map;

/**
 * People and an application most sender tests share: alice (email, sms, call), bob (email, sms),
 * carol (email only), dave (no contacts), team ops of alice and bob, application {@code app}
 * with template {@code tpl} in every mode, and the internal {@code iris} application.
 */
public record StandardSeed(long alice, long bob, long carol, long dave, long ops, long app, long iris, long template)
{
    public static final List<String> MODES = List.of("call", "email", "slack", "sms");

    public static StandardSeed load(SenderFixture fixture)
    {
        return fixture.seed(seed -> {
            long alice = seed.user("alice", false, Map.of("email", "alice@example.com", "sms", "+15550001", "call", "+15550001"));
            long bob = seed.user("bob", false, Map.of("email", "bob@example.com", "sms", "+15550002"));
            long carol = seed.user("carol", false, Map.of("email", "carol@example.com"));
            long dave = seed.user("dave", false, Map.of());
            long ops = seed.team("ops", List.of(alice, bob));
            long app = seed.application("app", "app-key", false, List.of("title", "host"));
            long iris = seed.application("iris", "iris-key", false, List.of());
            long template = seed.template("tpl", alice, app, MODES, "{{ title }}", "{{ title }} on {{ host }}");
            return new StandardSeed(alice, bob, carol, dave, ops, app, iris, template);
        });
    }

    public long plan(SenderFixture fixture, String name, Notification... notifications)
    {
        return fixture.seed(seed -> seed.plan(name, alice, name, List.of(notifications), 0, 0, 0, 0));
    }

    public static long plan(SeedWriter seed, long creator, String name, Notification... notifications)
    {
        return seed.plan(name, creator, name, List.of(notifications), 0, 0, 0, 0);
    }
}
