package dev.iris.api.schedule;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.List;

/**
 * A person's contacts, for the Oncall-shaped answers ({@code contacts}, {@code user_contacts}).
 */
public interface ContactDao
{
    record Contact(String mode, String destination) {}

    @SqlQuery("""
            SELECT m.name AS mode, tc.destination FROM target_contact tc
            JOIN mode m ON m.id = tc.mode_id JOIN target t ON t.id = tc.target_id
            WHERE t.name = :user AND tc.disabled = 0 ORDER BY m.name""")
    @RegisterConstructorMapper(Contact.class)
    List<Contact> contacts(@Bind("user") String user);

    @SqlQuery("SELECT t.id FROM target t JOIN `user` u ON u.target_id = t.id WHERE t.name = :user")
    java.util.Optional<Long> userId(@Bind("user") String user);
}
