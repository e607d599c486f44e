package dev.iris.sender.dispatch;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.Instant;
import java.util.Optional;

/**
 * Reads a user's modes and contacts.
 */
public interface ContactDao
{
    /**
     * The four places a priority's mode can come from, in Iris's order (any may be null), and
     * whether the first of them that is set is allowed for the application.
     */
    record ModeChoices(Integer userApplication, Integer applicationDefault, Integer userGlobal, Integer systemDefault,
            boolean firstChoiceAllowed) {}

    record ReprioritizationRule(int dstModeId, int count, int duration) {}

    @SqlQuery("""
            SELECT tam.mode_id AS user_application, dam.mode_id AS application_default, tm.mode_id AS user_global,
                   p.mode_id AS system_default,
                   EXISTS (SELECT 1 FROM application_mode am
                           WHERE am.application_id = :application
                             AND am.mode_id = COALESCE(tam.mode_id, dam.mode_id, tm.mode_id, p.mode_id)) AS first_choice_allowed
            FROM priority p
            LEFT JOIN target_application_mode tam
                   ON tam.target_id = :target AND tam.application_id = :application AND tam.priority_id = p.id
            LEFT JOIN default_application_mode dam ON dam.application_id = :application AND dam.priority_id = p.id
            LEFT JOIN target_mode tm ON tm.target_id = :target AND tm.priority_id = p.id
            WHERE p.id = :priority""")
    @RegisterConstructorMapper(ModeChoices.class)
    Optional<ModeChoices> modeChoices(@Bind("target") long targetId, @Bind("application") int applicationId, @Bind("priority") int priorityId);

    /**
     * A user's contact for a mode (null when there is none) and their reprioritization rule for
     * that mode (null fields when there is none), in one round trip.
     */
    record ContactAndRule(String destination, Integer dstModeId, Integer count, Integer duration)
    {
        Optional<ReprioritizationRule> rule()
        {
            return dstModeId == null ? Optional.empty() : Optional.of(new ReprioritizationRule(dstModeId, count, duration));
        }
    }

    @SqlQuery("""
            SELECT c.destination, r.dst_mode_id, r.`count`, r.duration
            FROM (SELECT 1) AS one
            LEFT JOIN target_contact c ON c.target_id = :target AND c.mode_id = :mode AND c.disabled = 0
            LEFT JOIN target_reprioritization r ON r.target_id = :target AND r.src_mode_id = :mode""")
    @RegisterConstructorMapper(ContactAndRule.class)
    ContactAndRule contactAndRule(@Bind("target") long targetId, @Bind("mode") int modeId);

    @SqlQuery("""
            SELECT COALESCE(co.mode_id, nc.mode_id)
            FROM notification_category nc
            LEFT JOIN category_override co ON co.category_id = nc.id AND co.user_id = :target
            WHERE nc.id = :category""")
    Optional<Integer> categoryMode(@Bind("target") long targetId, @Bind("category") int categoryId);

    @SqlQuery("SELECT destination FROM target_contact WHERE target_id = :target AND mode_id = :mode AND disabled = 0")
    Optional<String> contact(@Bind("target") long targetId, @Bind("mode") int modeId);

    @SqlQuery("SELECT COUNT(*) FROM message WHERE target_id = :target AND mode_id = :mode AND sent > :since")
    int sentSince(@Bind("target") long targetId, @Bind("mode") int modeId, @Bind("since") Instant since);
}
