package dev.iris.db;

/**
 * Builds the JDBC URLs Iris uses with MySQL Connector/J.
 */
public final class JdbcUrls
{
    // Connector/J options: UTF-8 with 4-byte characters, UTC on the wire, batched inserts; and
    // fewer round trips: statements parsed once per connection (cachePrepStmts), autocommit and
    // isolation tracked by the driver instead of asked of or re-sent to the server (Iris never
    // changes them with SQL), server settings read once per pool.
    private static final String OPTIONS = "useUnicode=true&characterEncoding=UTF-8&connectionTimeZone=UTC"
            + "&forceConnectionTimeZoneToSession=true&rewriteBatchedStatements=true"
            + "&allowPublicKeyRetrieval=true&useSSL=false&tcpKeepAlive=true"
            + "&cachePrepStmts=true&prepStmtCacheSize=500&prepStmtCacheSqlLimit=8192"
            + "&useLocalSessionState=true&useLocalTransactionState=true&alwaysSendSetIsolation=false"
            + "&cacheServerConfiguration=true&maintainTimeStats=false";

    private JdbcUrls() {}

    public static String mysql(String host, int port, String database)
    {
        return "jdbc:mysql://" + host + ":" + port + "/" + database + "?" + OPTIONS;
    }

    /**
     * Adds Iris's connection options to a URL the operator wrote, keeping theirs.
     */
    public static String withDefaults(String url)
    {
        if (url.contains("connectionTimeZone")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + OPTIONS;
    }
}
