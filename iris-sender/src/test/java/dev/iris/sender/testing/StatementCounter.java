package dev.iris.sender.testing;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Counts the statements a test's connections send, as the server counts them ({@code Questions}):
 * a rewritten batch of updates sent as one multi-statement query counts once per statement, and
 * commits and session settings count too. Connector/J creates one per connection, so the counts
 * are static; install it with {@link #URL_OPTION} on a database of one test at a time.
 */
public final class StatementCounter
        implements QueryInterceptor
{
    public static final String URL_OPTION = "queryInterceptors=" + StatementCounter.class.getName();

    private static final ConcurrentLinkedQueue<String> statements = new ConcurrentLinkedQueue<>();

    /**
     * Forgets what was counted and returns it: one entry per statement, its first words.
     */
    public static List<String> drain()
    {
        List<String> drained = new ArrayList<>();
        for (String statement = statements.poll(); statement != null; statement = statements.poll()) {
            drained.add(statement);
        }
        return drained;
    }

    @Override
    public QueryInterceptor init(MysqlConnection connection, Properties properties, Log log)
    {
        return this;
    }

    @Override
    public <T extends Resultset> T preProcess(Supplier<String> sql, Query interceptedQuery)
    {
        for (String statement : split(sql.get())) {
            statements.add(statement.length() > 80 ? statement.substring(0, 80) : statement);
        }
        return null;
    }

    /**
     * The statements of a query, split at semicolons outside quotes.
     */
    static List<String> split(String sql)
    {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < sql.length()) {
                    current.append(c).append(sql.charAt(++i));
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
            }
            else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            }
            else if (c == ';') {
                add(parts, current);
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        add(parts, current);
        return parts;
    }

    private static void add(List<String> parts, StringBuilder statement)
    {
        String text = statement.toString().strip().replaceAll("\\s+", " ");
        if (!text.isEmpty()) {
            parts.add(text);
        }
    }

    @Override
    public boolean executeTopLevelOnly()
    {
        return false;
    }

    @Override
    public void destroy() {}

    @Override
    public <T extends Resultset> T postProcess(Supplier<String> sql, Query interceptedQuery, T originalResultSet, ServerSession serverSession)
    {
        return null;
    }
}
