package dev.iris.core.team;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A team's chat channels: the team target's contacts in chat modes ({@code target_contact} holds
 * contacts of any target).
 */
public interface TeamChannelDao
{
    record Channel(String mode, String destination) {}

    @SqlQuery("""
            SELECT t.id FROM target t JOIN target_type tt ON tt.id = t.type_id AND tt.name = 'team'
            WHERE t.name = :team AND t.active = 1""")
    Optional<Long> teamTargetId(@Bind("team") String team);

    @SqlQuery("""
            SELECT m.name AS mode, c.destination
            FROM target_contact c JOIN mode m ON m.id = c.mode_id
            WHERE c.target_id = :team AND m.name IN (<modes>)
            ORDER BY m.name""")
    @RegisterConstructorMapper(Channel.class)
    List<Channel> channels(@Bind("team") long teamTargetId, @BindList("modes") Collection<String> modes);

    @SqlUpdate("""
            DELETE c FROM target_contact c JOIN mode m ON m.id = c.mode_id
            WHERE c.target_id = :team AND m.name IN (<modes>)""")
    int deleteChannels(@Bind("team") long teamTargetId, @BindList("modes") Collection<String> modes);

    @SqlUpdate("""
            INSERT INTO target_contact (target_id, mode_id, destination)
            SELECT :team, m.id, :destination FROM mode m WHERE m.name = :mode""")
    int insertChannel(@Bind("team") long teamTargetId, @Bind("mode") String mode, @Bind("destination") String destination);
}
