package dev.iris.core.application;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Applications by name as authentication and the trigger path need them (id, keys, flags,
 * template variables), kept for a short time: every signed request and every trigger would
 * otherwise read them again (bench/README.md). Iris keeps all applications in memory and reloads
 * them every 60 seconds; this cache is stricter:
 * <ul>
 * <li>an entry lives {@link #DEFAULT_TTL} by default, then the next use reads the database again;
 * <li>a name the database does not know is not remembered, so a new application works at once,
 * and only the exact name is (so the cache holds at most one entry per application);
 * <li>every change of an application through this node ({@link ApplicationService}) empties the
 * cache when it is done, so a rotated key or a deleted application stops working at once here and
 * within the time to live on other API nodes.
 * </ul>
 * Thread-safe. The keys never leave the entries' {@link Entry#toString()}.
 */
public final class ApplicationCache
{
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);

    /**
     * The application and its template variables in one statement (one row per variable, or one
     * with a null variable), variables in Iris's order.
     */
    static final String LOAD = """
            SELECT a.id, a.name, a.`key`, a.secondary_key, a.allow_authenticating_users, a.allow_other_app_incidents, v.name AS variable
            FROM application a LEFT JOIN template_variable v ON v.application_id = a.id
            WHERE a.name = :name
            ORDER BY v.id""";

    private final Jdbi jdbi;
    private final Clock clock;
    private final long ttlMillis;
    private final ConcurrentHashMap<String, Cached> entries = new ConcurrentHashMap<>();
    // Bumped by every invalidation: a load that raced a change must not store what it read.
    private final AtomicLong generation = new AtomicLong();

    public ApplicationCache(Jdbi jdbi, Clock clock, Duration ttl)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
        requireNonNull(ttl, "ttl is null");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl is negative");
        }
        this.ttlMillis = ttl.toMillis();
    }

    /**
     * The application of that name, from the cache when it was read less than the time to live
     * ago, else from the database. Names compare as the database compares them.
     */
    public Optional<Entry> find(String name)
    {
        requireNonNull(name, "name is null");
        long now = clock.millis();
        Cached cached = entries.get(name);
        // A clock that went back also ends an entry: it never lives longer than the time to live.
        if (cached != null && now >= cached.loadedAt() && now - cached.loadedAt() < ttlMillis) {
            return Optional.of(cached.entry());
        }
        long before = generation.get();
        Optional<Entry> loaded = load(name);
        if (loaded.isEmpty()) {
            entries.remove(name);
        }
        else if (ttlMillis > 0 && loaded.get().name().equals(name)) {
            // Only under the application's own name: the database also matches other spellings
            // ("APP", "app "), and any number of those, sent before the request is verified,
            // must not grow the cache. They are read from the database every time, as before.
            entries.put(name, new Cached(loaded.get(), now));
            if (generation.get() != before) {
                // An application changed while this read ran: keep nothing that may predate it.
                entries.remove(name);
            }
        }
        return loaded;
    }

    /**
     * Forgets every application: called after a change of any application commits. Changes are
     * rare, so all names go rather than working out which entries a change touched.
     */
    public void invalidateAll()
    {
        generation.incrementAndGet();
        entries.clear();
    }

    private Optional<Entry> load(String name)
    {
        Entry loaded = jdbi.withHandle(handle -> handle.createQuery(LOAD).bind("name", name).reduceResultSet(null, (Entry entry, ResultSet rs, StatementContext ctx) -> {
            Entry current = entry;
            if (current == null) {
                current = new Entry(rs.getLong("id"), rs.getString("name"), rs.getString("key"), rs.getString("secondary_key"),
                        rs.getBoolean("allow_authenticating_users"), rs.getBoolean("allow_other_app_incidents"), new ArrayList<>());
            }
            String variable = rs.getString("variable");
            if (variable != null) {
                current.variables().add(variable);
            }
            return current;
        }));
        return Optional.ofNullable(loaded).map(Entry::frozen);
    }

    private record Cached(Entry entry, long loadedAt) {}

    /**
     * An application as the cache holds it. {@link #toString()} leaves out the keys.
     */
    public record Entry(
            long id,
            String name,
            String key,
            String secondaryKey,
            boolean allowAuthenticatingUsers,
            boolean allowOtherAppIncidents,
            List<String> variables)
    {
        private Entry frozen()
        {
            return new Entry(id, name, key, secondaryKey, allowAuthenticatingUsers, allowOtherAppIncidents, List.copyOf(variables));
        }

        @Override
        public String toString()
        {
            return "ApplicationCache.Entry{id=" + id + ", name=" + name + ", variables=" + variables + "}";
        }
    }
}
