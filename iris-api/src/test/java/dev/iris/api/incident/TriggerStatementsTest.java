package dev.iris.api.incident;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;
import dev.iris.api.testing.IrisTestClient;
import dev.iris.api.testing.IrisTestClient.Response;
import dev.iris.api.testing.TestingIrisApi;
import dev.iris.testing.seed.SeedWriter.Notification;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many statements {@code POST /v0/incidents} sends to the database, counted by the driver on
 * the request's own thread (Dropwizard names it after the request), so background work of the
 * node and other tests on the same server do not count. Keeps the trigger path's gains from
 * regressing silently (issue 18, bench/README.md).
 */
final class TriggerStatementsTest
{
    private static final int TRIGGERS = 10;

    private static TestingIrisApi api;
    private static IrisTestClient app;

    @BeforeAll
    static void start()
    {
        api = TestingIrisApi.start(url -> url + "&queryInterceptors=" + TriggerStatements.class.getName(),
                ConfigOverride.config("heartbeatCheckSeconds", "0"));
        api.seed(seed -> {
            long application = seed.application("app", "app-key", false, List.of("title"));
            long alice = seed.user("alice", false, Map.of("email", "alice@example.com"));
            seed.template("tmpl", alice, application, List.of("email"), "subject", "body");
            seed.plan("plan-a", alice, "plan", List.of(Notification.of(1, "user", alice, "high", "tmpl", 0, 60)), 900, 10, 300, 300);
        });
        app = api.client("app", "app-key");
    }

    @AfterAll
    static void stop()
    {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aTriggerRunsSixStatements()
    {
        // The first trigger also reads the application into the node's cache.
        trigger();
        TriggerStatements.SEEN.clear();
        for (int i = 0; i < TRIGGERS; i++) {
            trigger();
        }
        List<String> statements = new ArrayList<>(TriggerStatements.SEEN);
        assertThat(statements).as(String.join("\n", statements)).hasSize(TRIGGERS * 6);
    }

    private static void trigger()
    {
        Response response = app.post("/v0/incidents", Map.of("plan", "plan-a", "context", Map.of("title", "disk full")));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    /**
     * Connector/J's hook for every statement a connection sends, its own ({@code SET autocommit},
     * {@code COMMIT}) included. Notes those of trigger requests.
     */
    public static final class TriggerStatements
            implements QueryInterceptor
    {
        static final Queue<String> SEEN = new ConcurrentLinkedQueue<>();

        @Override
        public QueryInterceptor init(MysqlConnection connection, Properties properties, Log log)
        {
            return this;
        }

        @Override
        public <T extends Resultset> T preProcess(Supplier<String> sql, Query query)
        {
            if (Thread.currentThread().getName().contains("POST /v0/incidents")) {
                String text = sql.get();
                SEEN.add(text == null ? "(no text)" : text.strip().replaceAll("\\s+", " "));
            }
            return null;
        }

        @Override
        public boolean executeTopLevelOnly()
        {
            return false;
        }

        @Override
        public void destroy() {}

        @Override
        public <T extends Resultset> T postProcess(Supplier<String> sql, Query query, T originalResultSet, ServerSession serverSession)
        {
            return null;
        }
    }
}
