package dev.iris.core.response;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;

public interface SmsOptOutDao
{
    /**
     * The users whose SMS contact is this number and is not yet in the wanted state.
     */
    @SqlQuery("""
            SELECT t.name FROM target_contact c
            JOIN mode m ON m.id = c.mode_id
            JOIN target t ON t.id = c.target_id
            WHERE m.name = 'sms' AND c.destination IN (<destinations>) AND c.disabled <> :disabled
            ORDER BY t.name
            FOR UPDATE""")
    List<String> lockChanging(@BindList("destinations") List<String> destinations, @Bind("disabled") boolean disabled);

    @SqlUpdate("""
            UPDATE target_contact c JOIN mode m ON m.id = c.mode_id
            SET c.disabled = :disabled
            WHERE m.name = 'sms' AND c.destination IN (<destinations>)""")
    int setDisabled(@BindList("destinations") List<String> destinations, @Bind("disabled") boolean disabled);
}
