package dev.iris.core.application;

import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applications and what hangs off them: variables, modes, owners, sender addresses, quotas,
 * incident e-mail addresses.
 */
public interface ApplicationDao
{
    @SqlQuery("""
            SELECT id, name, context_template AS contextTemplate, sample_context AS sampleContext,
                   summary_template AS summaryTemplate, mobile_template AS mobileTemplate
            FROM application WHERE auth_only = 0 ORDER BY name""")
    @RegisterConstructorMapper(ApplicationRow.class)
    List<ApplicationRow> listVisible();

    @SqlQuery("""
            SELECT id, name, context_template AS contextTemplate, sample_context AS sampleContext,
                   summary_template AS summaryTemplate, mobile_template AS mobileTemplate
            FROM application WHERE auth_only = 0 AND name = :name""")
    @RegisterConstructorMapper(ApplicationRow.class)
    Optional<ApplicationRow> findVisible(@Bind("name") String name);

    @SqlQuery("SELECT id FROM application WHERE name = :name")
    Optional<Long> findId(@Bind("name") String name);

    @SqlQuery("SELECT id FROM application WHERE name = :name FOR UPDATE")
    Optional<Long> lockByName(@Bind("name") String name);

    @SqlQuery("SELECT `key`, secondary_key AS secondaryKey FROM application WHERE name = :name")
    @RegisterConstructorMapper(ApplicationKeys.class)
    Optional<ApplicationKeys> keys(@Bind("name") String name);

    @SqlUpdate("INSERT INTO application (name, `key`) VALUES (:name, :key)")
    @GetGeneratedKeys("id")
    long insert(@Bind("name") String name, @Bind("key") String key);

    @SqlUpdate("""
            INSERT INTO application_mode (application_id, mode_id)
            SELECT :applicationId, id FROM mode WHERE name <> 'drop'""")
    void enableAllModesButDrop(@Bind("applicationId") long applicationId);

    @SqlUpdate("DELETE FROM application WHERE name = :name")
    int delete(@Bind("name") String name);

    @SqlUpdate("UPDATE application SET name = :newName WHERE name = :oldName")
    int rename(@Bind("oldName") String oldName, @Bind("newName") String newName);

    @SqlUpdate("UPDATE application SET secondary_key = :key WHERE name = :name AND secondary_key IS NULL")
    int setSecondaryKeyIfAbsent(@Bind("name") String name, @Bind("key") String key);

    @SqlUpdate("UPDATE application SET `key` = secondary_key, secondary_key = NULL WHERE name = :name AND secondary_key IS NOT NULL")
    int promoteSecondaryKey(@Bind("name") String name);

    @SqlUpdate("""
            UPDATE application
            SET context_template = :contextTemplate, summary_template = :summaryTemplate,
                mobile_template = :mobileTemplate, sample_context = :sampleContext
            WHERE id = :id""")
    void updateTemplates(@Bind("id") long id, @Bind("contextTemplate") String contextTemplate, @Bind("summaryTemplate") String summaryTemplate,
            @Bind("mobileTemplate") String mobileTemplate, @Bind("sampleContext") String sampleContext);

    // ---------------------------------------------------------------- variables

    @SqlQuery("""
            SELECT application_id AS applicationId, name, required, title_variable AS titleVariable
            FROM template_variable WHERE application_id IN (<ids>)
            ORDER BY application_id, required DESC, name""")
    @RegisterConstructorMapper(TemplateVariable.class)
    List<TemplateVariable> variables(@BindList("ids") List<Long> applicationIds);

    @SqlUpdate("INSERT INTO template_variable (application_id, name) VALUES (:applicationId, :name)")
    void insertVariable(@Bind("applicationId") long applicationId, @Bind("name") String name);

    @SqlUpdate("DELETE FROM template_variable WHERE application_id = :applicationId AND name IN (<names>)")
    void deleteVariables(@Bind("applicationId") long applicationId, @BindList("names") List<String> names);

    @SqlUpdate("UPDATE template_variable SET title_variable = COALESCE(name = :title, 0) WHERE application_id = :applicationId")
    void setTitleVariable(@Bind("applicationId") long applicationId, @Bind("title") String title);

    // ---------------------------------------------------------------- modes

    @SqlQuery("""
            SELECT m.name FROM application_mode am JOIN mode m ON m.id = am.mode_id
            WHERE am.application_id = :applicationId ORDER BY m.id""")
    List<String> supportedModes(@Bind("applicationId") long applicationId);

    @SqlUpdate("INSERT IGNORE INTO application_mode (application_id, mode_id) VALUES (:applicationId, :modeId)")
    void addSupportedMode(@Bind("applicationId") long applicationId, @Bind("modeId") int modeId);

    @SqlUpdate("DELETE FROM application_mode WHERE application_id = :applicationId AND mode_id = :modeId")
    void removeSupportedMode(@Bind("applicationId") long applicationId, @Bind("modeId") int modeId);

    @SqlQuery("""
            SELECT p.name AS priority, m.name AS mode
            FROM default_application_mode d
            JOIN priority p ON p.id = d.priority_id
            JOIN mode m ON m.id = d.mode_id
            WHERE d.application_id = :applicationId ORDER BY p.id""")
    @KeyColumn("priority")
    @ValueColumn("mode")
    Map<String, String> defaultModes(@Bind("applicationId") long applicationId);

    @SqlUpdate("""
            INSERT INTO default_application_mode (application_id, priority_id, mode_id) VALUES (:applicationId, :priorityId, :modeId)
            ON DUPLICATE KEY UPDATE mode_id = VALUES(mode_id)""")
    void setDefaultMode(@Bind("applicationId") long applicationId, @Bind("priorityId") int priorityId, @Bind("modeId") int modeId);

    @SqlUpdate("DELETE FROM default_application_mode WHERE application_id = :applicationId AND priority_id = :priorityId")
    void deleteDefaultMode(@Bind("applicationId") long applicationId, @Bind("priorityId") int priorityId);

    @SqlUpdate("DELETE FROM default_application_mode WHERE application_id = :applicationId AND mode_id = :modeId")
    void deleteDefaultModesUsing(@Bind("applicationId") long applicationId, @Bind("modeId") int modeId);

    @SqlQuery("SELECT name, id FROM mode ORDER BY id")
    @KeyColumn("name")
    @ValueColumn("id")
    Map<String, Integer> modeIds();

    @SqlQuery("SELECT name, id FROM priority ORDER BY id")
    @KeyColumn("name")
    @ValueColumn("id")
    Map<String, Integer> priorityIds();

    // ---------------------------------------------------------------- owners

    @SqlQuery("""
            SELECT t.name FROM application_owner o JOIN target t ON t.id = o.user_id
            WHERE o.application_id = :applicationId ORDER BY t.name""")
    List<String> owners(@Bind("applicationId") long applicationId);

    @SqlQuery("""
            SELECT EXISTS (
                SELECT 1 FROM application_owner o
                JOIN application a ON a.id = o.application_id
                JOIN target t ON t.id = o.user_id
                WHERE a.name = :application AND t.name = :username)""")
    boolean isOwner(@Bind("application") String application, @Bind("username") String username);

    @SqlUpdate("""
            INSERT IGNORE INTO application_owner (application_id, user_id)
            SELECT :applicationId, u.target_id FROM `user` u
            JOIN target t ON t.id = u.target_id
            JOIN target_type tt ON tt.id = t.type_id AND tt.name = 'user'
            WHERE t.name = :username""")
    int addOwner(@Bind("applicationId") long applicationId, @Bind("username") String username);

    @SqlUpdate("""
            DELETE o FROM application_owner o JOIN target t ON t.id = o.user_id
            WHERE o.application_id = :applicationId AND t.name = :username""")
    void removeOwner(@Bind("applicationId") long applicationId, @Bind("username") String username);

    // ---------------------------------------------------------------- sender addresses and categories

    @SqlQuery("""
            SELECT m.name AS mode, s.sender_address AS address
            FROM application_custom_sender_address s JOIN mode m ON m.id = s.mode_id
            WHERE s.application_id = :applicationId ORDER BY m.id""")
    @KeyColumn("mode")
    @ValueColumn("address")
    Map<String, String> customSenderAddresses(@Bind("applicationId") long applicationId);

    @SqlUpdate("""
            INSERT INTO application_custom_sender_address (application_id, mode_id, sender_address)
            SELECT :applicationId, id, :address FROM mode WHERE name = :mode
            ON DUPLICATE KEY UPDATE sender_address = VALUES(sender_address)""")
    void setCustomSenderAddress(@Bind("applicationId") long applicationId, @Bind("mode") String mode, @Bind("address") String address);

    @SqlUpdate("""
            DELETE s FROM application_custom_sender_address s JOIN mode m ON m.id = s.mode_id
            WHERE s.application_id = :applicationId AND m.name = :mode""")
    void deleteCustomSenderAddress(@Bind("applicationId") long applicationId, @Bind("mode") String mode);

    @SqlQuery("""
            SELECT c.id, c.name, c.description, m.name AS mode
            FROM notification_category c JOIN mode m ON m.id = c.mode_id
            WHERE c.application_id = :applicationId ORDER BY c.id""")
    @RegisterConstructorMapper(ApplicationCategory.class)
    List<ApplicationCategory> categories(@Bind("applicationId") long applicationId);

    // ---------------------------------------------------------------- quota

    @SqlQuery("""
            SELECT a.name AS application, q.hard_quota_threshold AS hardQuotaThreshold, q.soft_quota_threshold AS softQuotaThreshold,
                   q.hard_quota_duration AS hardQuotaDuration, q.soft_quota_duration AS softQuotaDuration,
                   t.name AS targetName, tt.name AS targetRole, q.plan_name AS planName, q.wait_time AS waitTime
            FROM application_quota q
            JOIN application a ON a.id = q.application_id
            LEFT JOIN target t ON t.id = q.target_id
            LEFT JOIN target_type tt ON tt.id = t.type_id
            WHERE a.name = :application""")
    @RegisterConstructorMapper(ApplicationQuota.class)
    Optional<ApplicationQuota> quota(@Bind("application") String application);

    @SqlUpdate("""
            INSERT INTO application_quota (application_id, hard_quota_threshold, soft_quota_threshold, hard_quota_duration,
                                           soft_quota_duration, plan_name, target_id, wait_time)
            VALUES (:applicationId, :hardThreshold, :softThreshold, :hardDuration, :softDuration, :planName, :targetId, :waitTime)
            ON DUPLICATE KEY UPDATE hard_quota_threshold = VALUES(hard_quota_threshold), soft_quota_threshold = VALUES(soft_quota_threshold),
                hard_quota_duration = VALUES(hard_quota_duration), soft_quota_duration = VALUES(soft_quota_duration),
                plan_name = VALUES(plan_name), target_id = VALUES(target_id), wait_time = VALUES(wait_time)""")
    void setQuota(@Bind("applicationId") long applicationId, @Bind("hardThreshold") int hardThreshold, @Bind("softThreshold") int softThreshold,
            @Bind("hardDuration") int hardDuration, @Bind("softDuration") int softDuration, @Bind("planName") String planName,
            @Bind("targetId") long targetId, @Bind("waitTime") int waitTime);

    @SqlUpdate("DELETE FROM application_quota WHERE application_id = :applicationId")
    void deleteQuota(@Bind("applicationId") long applicationId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM plan_active WHERE name = :name)")
    boolean isActivePlan(@Bind("name") String name);

    @SqlQuery("SELECT id FROM target WHERE name = :name ORDER BY type_id LIMIT 1")
    Optional<Long> findAnyTargetId(@Bind("name") String name);

    // ---------------------------------------------------------------- incident e-mail addresses

    @SqlQuery("""
            SELECT e.email, e.plan_name FROM incident_emails e JOIN application a ON a.id = e.application_id
            WHERE a.name = :application ORDER BY e.email""")
    @KeyColumn("email")
    @ValueColumn("plan_name")
    Map<String, String> incidentEmails(@Bind("application") String application);

    @SqlQuery("""
            SELECT DISTINCT tc.destination FROM target_contact tc JOIN mode m ON m.id = tc.mode_id
            WHERE m.name = 'email' AND tc.destination IN (<emails>) ORDER BY tc.destination""")
    List<String> userContactEmails(@BindList("emails") List<String> emails);

    @SqlQuery("""
            SELECT email FROM incident_emails
            WHERE application_id <> :applicationId AND email IN (<emails>) ORDER BY email""")
    List<String> emailsOfOtherApplications(@Bind("applicationId") long applicationId, @BindList("emails") List<String> emails);

    /**
     * Whether the active plan {@code planName} has a step whose active template has content for
     * the application.
     */
    @SqlQuery("""
            SELECT EXISTS (
                SELECT 1 FROM plan_active pa
                JOIN plan_notification pn ON pn.plan_id = pa.plan_id
                JOIN template_active ta ON ta.name = pn.template
                JOIN template_content tc ON tc.template_id = ta.template_id
                WHERE pa.name = :planName AND tc.application_id = :applicationId)""")
    boolean planHasTemplatesFor(@Bind("planName") String planName, @Bind("applicationId") long applicationId);

    @SqlUpdate("DELETE FROM incident_emails WHERE application_id = :applicationId")
    void deleteIncidentEmails(@Bind("applicationId") long applicationId);

    // A duplicate here can only be another application's address (ours were just deleted): let
    // it fail rather than take the address over.
    @SqlUpdate("INSERT INTO incident_emails (email, application_id, plan_name) VALUES (:email, :applicationId, :planName)")
    void insertIncidentEmail(@Bind("applicationId") long applicationId, @Bind("email") String email, @Bind("planName") String planName);
}
