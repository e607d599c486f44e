package dev.iris.core.response;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code response} table: every reply Iris receives, as received.
 */
public interface ResponseDao
{
    int MAX_CONTENT_CHARACTERS = 8192;
    int MAX_SOURCE_CHARACTERS = 255;

    @SqlUpdate("""
            INSERT INTO response (created, message_id, content, source)
            VALUES (NOW(3), :messageId, :content, :source)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("messageId") Long messageId, @Bind("content") String content, @Bind("source") String source);

    /**
     * Replies from {@code source} in the last hour that named no message (unparseable text,
     * apologies, unknown senders): what an auto-responder produces.
     */
    @SqlQuery("""
            SELECT COUNT(*) FROM response
            WHERE source = :source AND message_id IS NULL AND created > NOW(3) - INTERVAL 1 HOUR""")
    int countPassiveInLastHour(@Bind("source") String source);

    static String content(String content)
    {
        String text = content == null ? "" : content;
        return text.length() <= MAX_CONTENT_CHARACTERS ? text : text.substring(0, MAX_CONTENT_CHARACTERS);
    }

    static String source(String source)
    {
        String text = source == null ? "" : source.strip();
        return text.length() <= MAX_SOURCE_CHARACTERS ? text : text.substring(0, MAX_SOURCE_CHARACTERS);
    }
}
