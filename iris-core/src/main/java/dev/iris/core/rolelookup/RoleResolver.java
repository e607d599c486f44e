package dev.iris.core.rolelookup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.iris.core.plugin.PluginInstanceConfig;
import dev.iris.core.plugin.PluginRegistry;
import dev.iris.spi.PluginContext;
import dev.iris.spi.rolelookup.RoleLookup;
import dev.iris.spi.rolelookup.RoleLookupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The configured chain of role lookups: the first lookup that answers (even with nobody) wins, as
 * in Iris. A lookup that fails stops the chain; its message becomes the reason the plan creator is
 * paged instead.
 */
public final class RoleResolver
{
    private static final Logger log = LoggerFactory.getLogger(RoleResolver.class);

    // Iris caches expansions for one 60 s loop; a few seconds keep a storm of incidents for one
    // team from asking the directory once per incident, yet follow rotations quickly.
    private static final Duration CACHE_FOR = Duration.ofSeconds(5);

    private final List<RoleLookup> lookups;
    private final Cache<List<String>, Resolution> answers;

    public RoleResolver(List<RoleLookup> lookups)
    {
        this(lookups, Clock.systemUTC());
    }

    /**
     * @param clock the sender's clock: cached answers expire on it, so a schedule handoff is
     *        followed within the cache time of the clock that decides who is on call
     */
    public RoleResolver(List<RoleLookup> lookups, Clock clock)
    {
        this.lookups = List.copyOf(requireNonNull(lookups, "lookups is null"));
        requireNonNull(clock, "clock is null");
        this.answers = Caffeine.newBuilder()
                .expireAfterWrite(CACHE_FOR)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .maximumSize(10_000)
                .build();
    }

    /**
     * Who fills a role of a target now.
     *
     * @param usernames the people; empty when nobody could be found
     * @param reason why nobody was found, when that is the case
     */
    /**
     * The chain the configuration names, or {@code defaultChain} when it names none: the sender
     * pages through it (default: the built-in schedules, then Iris's tables), and the API's plan
     * simulation expands roles through the same kind of chain.
     *
     * @param clock cached answers expire on it (the sender's clock)
     */
    public static RoleResolver fromConfig(List<PluginInstanceConfig> configs, List<String> defaultChain, PluginRegistry plugins, PluginContext context,
            Clock clock)
    {
        List<PluginInstanceConfig> chain = configs.isEmpty()
                ? defaultChain.stream().map(type -> new PluginInstanceConfig(type, null, Map.of())).toList()
                : configs;
        List<RoleLookup> lookups = new ArrayList<>();
        for (PluginInstanceConfig lookup : chain) {
            lookups.add(plugins.requireRoleLookup(lookup.getType()).create(lookup.toPluginConfig(), context));
        }
        return new RoleResolver(lookups, clock);
    }

    public record Resolution(List<String> usernames, String reason) {}

    public Resolution resolve(String role, String target)
    {
        List<String> key = List.of(role, target);
        Resolution cached = answers.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        Resolution resolution = ask(role, target);
        if (!resolution.usernames().isEmpty()) {
            // Failures and empty answers are not cached: the next round asks again.
            answers.put(key, resolution);
        }
        return resolution;
    }

    private Resolution ask(String role, String target)
    {
        for (RoleLookup lookup : lookups) {
            try {
                Optional<List<String>> answer = lookup.lookup(role, target);
                if (answer.isPresent()) {
                    List<String> usernames = List.copyOf(answer.get());
                    return new Resolution(usernames, usernames.isEmpty() ? "nobody fills " + role + " of " + target + " now" : null);
                }
            }
            catch (RoleLookupException e) {
                log.warn("Role lookup failed for {} of {}: {}", role, target, e.getMessage());
                return new Resolution(List.of(), e.getMessage());
            }
            catch (RuntimeException e) {
                log.warn("Role lookup failed for {} of {}", role, target, e);
                return new Resolution(List.of(), "role lookup error: " + e.getMessage());
            }
        }
        return new Resolution(List.of(), "no role lookup knows " + role + " " + target);
    }
}
