package dev.iris.core.postmortem;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Postmortems, their versions, and the incident timeline a draft is made from.
 */
public interface PostmortemDao
{
    record IncidentFacts(long id, String application, Instant created) {}

    record Event(long incidentId, Instant at, String kind, String actor, String description) {}

    record Page(long incidentId, Instant created, Instant sent, String target, String mode, Integer step, String status) {}

    record Comment(long incidentId, Instant created, String author, String content) {}

    record PublicUpdate(long incidentId, Instant created, String status, String body, String author) {}

    record Header(long id, String title, Instant created, String author, Integer publishedVersion, Instant published) {}

    record Version(int version, Instant created, String author, String markdown) {}

    @SqlQuery("""
            SELECT i.id, a.name AS application, i.created FROM incident i JOIN application a ON a.id = i.application_id
            WHERE i.id IN (<ids>) ORDER BY i.created""")
    @RegisterConstructorMapper(IncidentFacts.class)
    List<IncidentFacts> incidents(@BindList("ids") List<Long> ids);

    @SqlQuery("""
            SELECT incident_id AS incidentId, created AS at, kind, actor, description FROM incident_event
            WHERE incident_id IN (<ids>) ORDER BY created, id""")
    @RegisterConstructorMapper(Event.class)
    List<Event> events(@BindList("ids") List<Long> ids);

    @SqlQuery("""
            SELECT m.incident_id AS incidentId, m.created, m.sent, t.name AS target, mo.name AS mode, n.step, m.`status` AS status
            FROM message m
            LEFT JOIN target t ON t.id = m.target_id
            LEFT JOIN mode mo ON mo.id = m.mode_id
            LEFT JOIN plan_notification n ON n.id = m.plan_notification_id
            WHERE m.incident_id IN (<ids>) ORDER BY m.created, m.id""")
    @RegisterConstructorMapper(Page.class)
    List<Page> pages(@BindList("ids") List<Long> ids);

    @SqlQuery("""
            SELECT c.incident_id AS incidentId, c.created, t.name AS author, c.content
            FROM comment c JOIN target t ON t.id = c.user_id WHERE c.incident_id IN (<ids>) ORDER BY c.created, c.id""")
    @RegisterConstructorMapper(Comment.class)
    List<Comment> comments(@BindList("ids") List<Long> ids);

    @SqlQuery("""
            SELECT u.incident_id AS incidentId, u.created, u.`status` AS status, u.body, t.name AS author
            FROM status_update u JOIN target t ON t.id = u.user_id WHERE u.incident_id IN (<ids>) ORDER BY u.created, u.id""")
    @RegisterConstructorMapper(PublicUpdate.class)
    List<PublicUpdate> publicUpdates(@BindList("ids") List<Long> ids);

    @SqlUpdate("INSERT INTO postmortem (title, created, user_id) VALUES (:title, :now, :user)")
    @GetGeneratedKeys
    long insert(@Bind("title") String title, @Bind("now") Instant now, @Bind("user") long userId);

    @SqlUpdate("INSERT INTO postmortem_incident (postmortem_id, incident_id) VALUES (:id, :incident)")
    void link(@Bind("id") long id, @Bind("incident") long incidentId);

    @SqlQuery("SELECT incident_id FROM postmortem_incident WHERE postmortem_id = :id ORDER BY incident_id")
    List<Long> incidentIds(@Bind("id") long id);

    @SqlQuery("SELECT id FROM postmortem WHERE id = :id FOR UPDATE")
    Optional<Long> lock(@Bind("id") long id);

    @SqlQuery("SELECT COALESCE(MAX(version), 0) FROM postmortem_version WHERE postmortem_id = :id")
    int lastVersion(@Bind("id") long id);

    @SqlUpdate("""
            INSERT INTO postmortem_version (postmortem_id, version, created, user_id, markdown)
            VALUES (:id, :version, :now, :user, :markdown)""")
    void insertVersion(@Bind("id") long id, @Bind("version") int version, @Bind("now") Instant now, @Bind("user") long userId,
            @Bind("markdown") String markdown);

    String HEADER = """
            SELECT p.id, p.title, p.created, t.name AS author, p.published_version AS publishedVersion, p.published
            FROM postmortem p JOIN target t ON t.id = p.user_id
            """;

    @SqlQuery(HEADER + "WHERE p.id = :id")
    @RegisterConstructorMapper(Header.class)
    Optional<Header> header(@Bind("id") long id);

    @SqlQuery(HEADER + "ORDER BY p.id DESC LIMIT :limit")
    @RegisterConstructorMapper(Header.class)
    List<Header> list(@Bind("limit") int limit);

    @SqlQuery(HEADER + "WHERE p.published_version IS NOT NULL ORDER BY p.published DESC LIMIT :limit")
    @RegisterConstructorMapper(Header.class)
    List<Header> published(@Bind("limit") int limit);

    @SqlQuery("""
            SELECT v.version, v.created, t.name AS author, v.markdown FROM postmortem_version v JOIN target t ON t.id = v.user_id
            WHERE v.postmortem_id = :id ORDER BY v.version DESC""")
    @RegisterConstructorMapper(Version.class)
    List<Version> versions(@Bind("id") long id);

    @SqlUpdate("UPDATE postmortem SET published_version = :version, published = :now WHERE id = :id")
    void publish(@Bind("id") long id, @Bind("version") Integer version, @Bind("now") Instant now);

    @SqlUpdate("UPDATE postmortem SET title = :title WHERE id = :id")
    void retitle(@Bind("id") long id, @Bind("title") String title);

    @SqlQuery("""
            SELECT t.name FROM target t JOIN target_type tt ON tt.id = t.type_id WHERE tt.name = 'user'
            UNION SELECT name FROM plan_active
            UNION SELECT name FROM application""")
    List<String> internalNames();

    @SqlQuery("""
            SELECT t.id FROM target t JOIN target_type tt ON tt.id = t.type_id JOIN `user` u ON u.target_id = t.id
            WHERE t.name = :name AND tt.name = 'user'""")
    Optional<Long> userId(@Bind("name") String name);
}
