package dev.iris.core.application;

import dev.iris.db.Database;
import dev.iris.testing.TestingClock;
import dev.iris.testing.db.TestingMariaDb;
import dev.iris.testing.seed.SeedWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class ApplicationCacheTest
{
    private static final Duration TTL = Duration.ofSeconds(5);

    private static Database database;

    @BeforeAll
    static void start()
    {
        database = TestingMariaDb.get().newDatabase();
    }

    @AfterAll
    static void stop()
    {
        if (database != null) {
            database.close();
        }
    }

    private static void execute(String sql, Object... arguments)
    {
        database.jdbi().useHandle(handle -> handle.execute(sql, arguments));
    }

    private static long seedApplication(String name, String key, List<String> variables)
    {
        return database.jdbi().inTransaction(handle -> new SeedWriter(handle).application(name, key, false, variables));
    }

    @Test
    void holdsTheApplicationWithItsVariablesInOrder()
    {
        long id = seedApplication("ordered", "ordered-key", List.of("zeta", "alpha", "mid"));
        execute("UPDATE application SET secondary_key = 'ordered-secondary', allow_other_app_incidents = 1 WHERE id = ?", id);
        ApplicationCache cache = new ApplicationCache(database.jdbi(), new TestingClock(Instant.parse("2026-12-02T12:00:00Z")), TTL);

        ApplicationCache.Entry entry = cache.find("ordered").orElseThrow();
        assertThat(entry.id()).isEqualTo(id);
        assertThat(entry.name()).isEqualTo("ordered");
        assertThat(entry.key()).isEqualTo("ordered-key");
        assertThat(entry.secondaryKey()).isEqualTo("ordered-secondary");
        assertThat(entry.allowOtherAppIncidents()).isTrue();
        assertThat(entry.allowAuthenticatingUsers()).isFalse();
        // Iris's order: as the variables were created.
        assertThat(entry.variables()).containsExactly("zeta", "alpha", "mid");
        assertThat(entry.toString()).doesNotContain("ordered-key").doesNotContain("ordered-secondary");

        seedApplication("bare", "bare-key", List.of());
        assertThat(cache.find("bare").orElseThrow().variables()).isEmpty();
    }

    @Test
    void aChangeInTheDatabaseShowsOnceTheTimeToLiveIsOver()
    {
        long id = seedApplication("changing", "old-key", List.of("host"));
        TestingClock clock = new TestingClock(Instant.parse("2026-12-02T12:00:00Z"));
        ApplicationCache cache = new ApplicationCache(database.jdbi(), clock, TTL);
        assertThat(cache.find("changing").orElseThrow().key()).isEqualTo("old-key");

        // Another node rotates the key and changes the variables.
        execute("UPDATE application SET `key` = 'new-key' WHERE id = ?", id);
        execute("INSERT INTO template_variable (application_id, name) VALUES (?, 'service')", id);
        clock.advance(TTL.minusMillis(1));
        assertThat(cache.find("changing").orElseThrow().key()).isEqualTo("old-key");

        clock.advance(Duration.ofMillis(1));
        ApplicationCache.Entry reloaded = cache.find("changing").orElseThrow();
        assertThat(reloaded.key()).isEqualTo("new-key");
        assertThat(reloaded.variables()).containsExactly("host", "service");

        // Another node deletes it.
        execute("DELETE FROM template_variable WHERE application_id = ?", id);
        execute("DELETE FROM application_mode WHERE application_id = ?", id);
        execute("DELETE FROM application WHERE id = ?", id);
        assertThat(cache.find("changing")).isPresent();
        clock.advance(TTL);
        assertThat(cache.find("changing")).isEmpty();
    }

    @Test
    void aClockThatGoesBackEndsTheEntry()
    {
        long id = seedApplication("skewed", "old-key", List.of());
        TestingClock clock = new TestingClock(Instant.parse("2026-12-02T12:00:00Z"));
        ApplicationCache cache = new ApplicationCache(database.jdbi(), clock, TTL);
        assertThat(cache.find("skewed").orElseThrow().key()).isEqualTo("old-key");
        execute("UPDATE application SET `key` = 'new-key' WHERE id = ?", id);
        clock.advance(Duration.ofHours(-1));
        assertThat(cache.find("skewed").orElseThrow().key()).isEqualTo("new-key");
    }

    @Test
    void anUnknownNameIsNotRemembered()
    {
        ApplicationCache cache = new ApplicationCache(database.jdbi(), new TestingClock(Instant.parse("2026-12-02T12:00:00Z")), TTL);
        assertThat(cache.find("newcomer")).isEmpty();
        seedApplication("newcomer", "newcomer-key", List.of());
        assertThat(cache.find("newcomer").orElseThrow().key()).isEqualTo("newcomer-key");
    }

    @Test
    void invalidationReadsEveryApplicationAgainAtOnce()
    {
        long id = seedApplication("rotated", "old-key", List.of());
        ApplicationCache cache = new ApplicationCache(database.jdbi(), new TestingClock(Instant.parse("2026-12-02T12:00:00Z")), TTL);
        assertThat(cache.find("rotated").orElseThrow().key()).isEqualTo("old-key");
        execute("UPDATE application SET `key` = 'new-key' WHERE id = ?", id);

        cache.invalidateAll();
        assertThat(cache.find("rotated").orElseThrow().key()).isEqualTo("new-key");
    }

    @Test
    void otherSpellingsTheDatabaseMatchesAreReadEveryTime()
    {
        long id = seedApplication("spelled", "old-key", List.of());
        ApplicationCache cache = new ApplicationCache(database.jdbi(), new TestingClock(Instant.parse("2026-12-02T12:00:00Z")), TTL);
        // The database compares names case-insensitively and ignores trailing spaces: such
        // spellings find the application as before, but are not kept (they could be endless).
        assertThat(cache.find("SPELLED").orElseThrow().name()).isEqualTo("spelled");
        assertThat(cache.find("spelled ").orElseThrow().name()).isEqualTo("spelled");
        assertThat(cache.find("spelled").orElseThrow().key()).isEqualTo("old-key");
        execute("UPDATE application SET `key` = 'new-key' WHERE id = ?", id);
        assertThat(cache.find("SPELLED").orElseThrow().key()).isEqualTo("new-key");
        assertThat(cache.find("spelled ").orElseThrow().key()).isEqualTo("new-key");
        assertThat(cache.find("spelled").orElseThrow().key()).isEqualTo("old-key");
    }

    @Test
    void aTimeToLiveOfZeroReadsEveryTime()
    {
        long id = seedApplication("uncached", "old-key", List.of());
        ApplicationCache cache = new ApplicationCache(database.jdbi(), Clock.systemUTC(), Duration.ZERO);
        assertThat(cache.find("uncached").orElseThrow().key()).isEqualTo("old-key");
        execute("UPDATE application SET `key` = 'new-key' WHERE id = ?", id);
        assertThat(cache.find("uncached").orElseThrow().key()).isEqualTo("new-key");
    }
}
