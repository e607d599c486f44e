-- Iris for the JVM: the base schema.
-- Modelled on LinkedIn Iris's schema_0.sql (same table and column names where Iris has them, so
-- people who know Iris can read it), plus what our sender needs: message state, rounds, a work
-- queue for escalation. utf8mb4 everywhere; every query we run is valid under MySQL's default
-- sql_mode (ONLY_FULL_GROUP_BY, STRICT_TRANS_TABLES).
-- Times are DATETIME(3) in UTC: every connection sets time_zone = '+00:00'.

-- ---------------------------------------------------------------- people and targets

CREATE TABLE target_type (
    id   INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(64) NOT NULL,
    UNIQUE KEY uq_target_type_name (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE target (
    id      BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name    VARCHAR(255) NOT NULL,
    type_id INT UNSIGNED NOT NULL,
    active  TINYINT(1) NOT NULL DEFAULT 1,
    UNIQUE KEY uq_target_name_type (name, type_id),
    KEY ix_target_type (type_id),
    CONSTRAINT fk_target_type FOREIGN KEY (type_id) REFERENCES target_type (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE target_role (
    id      INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name    VARCHAR(64) NOT NULL,
    type_id INT UNSIGNED NOT NULL,
    UNIQUE KEY uq_target_role_name (name),
    CONSTRAINT fk_target_role_type FOREIGN KEY (type_id) REFERENCES target_type (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A user is a target of type 'user'. password_hash holds a bcrypt hash for local UI accounts
-- (null: the user logs in through LDAP or not at all).
CREATE TABLE `user` (
    target_id     BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    admin         TINYINT(1) NOT NULL DEFAULT 0,
    password_hash VARCHAR(255) NULL,
    CONSTRAINT fk_user_target FOREIGN KEY (target_id) REFERENCES target (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE team (
    target_id   BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    manager_id  BIGINT UNSIGNED NULL,
    director_id BIGINT UNSIGNED NULL,
    CONSTRAINT fk_team_target FOREIGN KEY (target_id) REFERENCES target (id) ON DELETE CASCADE,
    CONSTRAINT fk_team_manager FOREIGN KEY (manager_id) REFERENCES `user` (target_id) ON DELETE SET NULL,
    CONSTRAINT fk_team_director FOREIGN KEY (director_id) REFERENCES `user` (target_id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE user_team (
    user_id BIGINT UNSIGNED NOT NULL,
    team_id BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (user_id, team_id),
    KEY ix_user_team_team (team_id),
    CONSTRAINT fk_user_team_user FOREIGN KEY (user_id) REFERENCES `user` (target_id) ON DELETE CASCADE,
    CONSTRAINT fk_user_team_team FOREIGN KEY (team_id) REFERENCES team (target_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE mailing_list (
    target_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    `count`   INT UNSIGNED NOT NULL DEFAULT 0,
    CONSTRAINT fk_mailing_list_target FOREIGN KEY (target_id) REFERENCES target (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE mailing_list_membership (
    list_id BIGINT UNSIGNED NOT NULL,
    user_id BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (list_id, user_id),
    KEY ix_mlm_user (user_id),
    CONSTRAINT fk_mlm_list FOREIGN KEY (list_id) REFERENCES mailing_list (target_id) ON DELETE CASCADE,
    CONSTRAINT fk_mlm_user FOREIGN KEY (user_id) REFERENCES `user` (target_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- ---------------------------------------------------------------- modes and priorities

CREATE TABLE mode (
    id   INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(64) NOT NULL,
    UNIQUE KEY uq_mode_name (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One address per mode per target. disabled = the person texted STOP (or the vendor said the
-- number is unreachable for good): keep the row, skip it when sending.
CREATE TABLE target_contact (
    target_id   BIGINT UNSIGNED NOT NULL,
    mode_id     INT UNSIGNED NOT NULL,
    destination VARCHAR(255) NOT NULL,
    disabled    TINYINT(1) NOT NULL DEFAULT 0,
    PRIMARY KEY (target_id, mode_id),
    KEY ix_target_contact_destination (mode_id, destination),
    CONSTRAINT fk_target_contact_target FOREIGN KEY (target_id) REFERENCES target (id) ON DELETE CASCADE,
    CONSTRAINT fk_target_contact_mode FOREIGN KEY (mode_id) REFERENCES mode (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Severity runs with the id: 1 (urgent) is the most severe.
CREATE TABLE priority (
    id      INT UNSIGNED NOT NULL PRIMARY KEY,
    name    VARCHAR(64) NOT NULL,
    mode_id INT UNSIGNED NOT NULL,
    UNIQUE KEY uq_priority_name (name),
    CONSTRAINT fk_priority_mode FOREIGN KEY (mode_id) REFERENCES mode (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE user_setting (
    user_id BIGINT UNSIGNED NOT NULL,
    name    VARCHAR(64) NOT NULL,
    value   VARCHAR(255) NOT NULL,
    PRIMARY KEY (user_id, name),
    CONSTRAINT fk_user_setting_user FOREIGN KEY (user_id) REFERENCES `user` (target_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE device (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    registration_id VARCHAR(255) NOT NULL,
    user_id         BIGINT UNSIGNED NOT NULL,
    platform        VARCHAR(32) NOT NULL,
    UNIQUE KEY uq_device_registration (registration_id),
    CONSTRAINT fk_device_user FOREIGN KEY (user_id) REFERENCES `user` (target_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- ---------------------------------------------------------------- applications

CREATE TABLE application (
    id                         INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name                       VARCHAR(255) NOT NULL,
    `key`                      VARCHAR(255) NOT NULL,
    secondary_key              VARCHAR(255) NULL,
    context_template           TEXT NULL,
    summary_template           TEXT NULL,
    sample_context             TEXT NULL,
    mobile_template            TEXT NULL,
    auth_only                  TINYINT(1) NOT NULL DEFAULT 0,
    allow_other_app_incidents  TINYINT(1) NOT NULL DEFAULT 0,
    allow_authenticating_users TINYINT(1) NOT NULL DEFAULT 0,
    UNIQUE KEY uq_application_name (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE template_variable (
    id             INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    application_id INT UNSIGNED NOT NULL,
    name           VARCHAR(255) NOT NULL,
    required       TINYINT(1) NOT NULL DEFAULT 0,
    title_variable TINYINT(1) NOT NULL DEFAULT 0,
    UNIQUE KEY uq_template_variable (application_id, name),
    CONSTRAINT fk_template_variable_app FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE application_owner (
    application_id INT UNSIGNED NOT NULL,
    user_id        BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (application_id, user_id),
    CONSTRAINT fk_application_owner_app FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
    CONSTRAINT fk_application_owner_user FOREIGN KEY (user_id) REFERENCES `user` (target_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE application_mode (
    application_id INT UNSIGNED NOT NULL,
    mode_id        INT UNSIGNED NOT NULL,
    PRIMARY KEY (application_id, mode_id),
    CONSTRAINT fk_application_mode_app FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
    CONSTRAINT fk_application_mode_mode FOREIGN KEY (mode_id) REFERENCES mode (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE default_application_mode (
    application_id INT UNSIGNED NOT NULL,
    priority_id    INT UNSIGNED NOT NULL,
    mode_id        INT UNSIGNED NOT NULL,
    PRIMARY KEY (application_id, priority_id),
    CONSTRAINT fk_dam_app FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
    CONSTRAINT fk_dam_priority FOREIGN KEY (priority_id) REFERENCES priority (id),
    CONSTRAINT fk_dam_mode FOREIGN KEY (mode_id) REFERENCES mode (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE target_mode (
    target_id   BIGINT UNSIGNED NOT NULL,
    priority_id INT UNSIGNED NOT NULL,
    mode_id     INT UNSIGNED NOT NULL,
    PRIMARY KEY (target_id, priority_id),
    CONSTRAINT fk_target_mode_target FOREIGN KEY (target_id) REFERENCES target (id) ON DELETE CASCADE,
    CONSTRAINT fk_target_mode_priority FOREIGN KEY (priority_id) REFERENCES priority (id),
    CONSTRAINT fk_target_mode_mode FOREIGN KEY (mode_id) REFERENCES mode (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE target_application_mode (
    target_id      BIGINT UNSIGNED NOT NULL,
    application_id INT UNSIGNED NOT NULL,
    priority_id    INT UNSIGNED NOT NULL,
    mode_id        INT UNSIGNED NOT NULL,
    PRIMARY KEY (target_id, application_id, priority_id),
    CONSTRAINT fk_tam_target FOREIGN KEY (target_id) REFERENCES target (id) ON DELETE CASCADE,
    CONSTRAINT fk_tam_app FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
    CONSTRAINT fk_tam_priority FOREIGN KEY (priority_id) REFERENCES priority (id),
    CONSTRAINT fk_tam_mode FOREIGN KEY (mode_id) REFERENCES mode (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE target_reprioritization (
    target_id   BIGINT UNSIGNED NOT NULL,
    src_mode_id INT UNSIGNED NOT NULL,
    dst_mode_id INT UNSIGNED NOT NULL,
    `count`     SMALLINT UNSIGNED NOT NULL,
    duration    INT UNSIGNED NOT NULL,
    PRIMARY KEY (target_id, src_mode_id),
    CONSTRAINT fk_tr_target FOREIGN KEY (target_id) REFERENCES target (id) ON DELETE CASCADE,
    CONSTRAINT fk_tr_src FOREIGN KEY (src_mode_id) REFERENCES mode (id),
    CONSTRAINT fk_tr_dst FOREIGN KEY (dst_mode_id) REFERENCES mode (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE mode_template_override (
    target_id BIGINT UNSIGNED NOT NULL,
    mode_id   INT UNSIGNED NOT NULL,
    PRIMARY KEY (target_id, mode_id),
    CONSTRAINT fk_mto_target FOREIGN KEY (target_id) REFERENCES target (id) ON DELETE CASCADE,
    CONSTRAINT fk_mto_mode FOREIGN KEY (mode_id) REFERENCES mode (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE notification_category (
    id             INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    application_id INT UNSIGNED NOT NULL,
    name           VARCHAR(255) NOT NULL,
    description    VARCHAR(1024) NOT NULL DEFAULT '',
    mode_id        INT UNSIGNED NOT NULL,
    UNIQUE KEY uq_notification_category (application_id, name),
    CONSTRAINT fk_nc_app FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
    CONSTRAINT fk_nc_mode FOREIGN KEY (mode_id) REFERENCES mode (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE category_override (
    user_id     BIGINT UNSIGNED NOT NULL,
    category_id INT UNSIGNED NOT NULL,
    mode_id     INT UNSIGNED NOT NULL,
    PRIMARY KEY (user_id, category_id),
    CONSTRAINT fk_co_user FOREIGN KEY (user_id) REFERENCES `user` (target_id) ON DELETE CASCADE,
    CONSTRAINT fk_co_category FOREIGN KEY (category_id) REFERENCES notification_category (id) ON DELETE CASCADE,
    CONSTRAINT fk_co_mode FOREIGN KEY (mode_id) REFERENCES mode (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE application_quota (
    application_id       INT UNSIGNED NOT NULL PRIMARY KEY,
    hard_quota_threshold INT UNSIGNED NOT NULL,
    soft_quota_threshold INT UNSIGNED NOT NULL,
    hard_quota_duration  INT UNSIGNED NOT NULL,
    soft_quota_duration  INT UNSIGNED NOT NULL,
    plan_name            VARCHAR(255) NULL,
    target_id            BIGINT UNSIGNED NULL,
    wait_time            INT UNSIGNED NOT NULL DEFAULT 0,
    CONSTRAINT fk_quota_app FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
    CONSTRAINT fk_quota_target FOREIGN KEY (target_id) REFERENCES target (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE application_custom_sender_address (
    application_id INT UNSIGNED NOT NULL,
    mode_id        INT UNSIGNED NOT NULL,
    sender_address VARCHAR(255) NOT NULL,
    PRIMARY KEY (application_id, mode_id),
    CONSTRAINT fk_acsa_app FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
    CONSTRAINT fk_acsa_mode FOREIGN KEY (mode_id) REFERENCES mode (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE incident_emails (
    email          VARCHAR(255) NOT NULL PRIMARY KEY,
    application_id INT UNSIGNED NOT NULL,
    plan_name      VARCHAR(255) NOT NULL,
    CONSTRAINT fk_incident_emails_app FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- ---------------------------------------------------------------- plans and templates
-- Both are immutable versions; *_active points a name at its active version.

CREATE TABLE template (
    id      BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name    VARCHAR(255) NOT NULL,
    created DATETIME(3) NOT NULL,
    user_id BIGINT UNSIGNED NOT NULL,
    KEY ix_template_name (name),
    CONSTRAINT fk_template_user FOREIGN KEY (user_id) REFERENCES `user` (target_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE template_active (
    name        VARCHAR(255) NOT NULL PRIMARY KEY,
    template_id BIGINT UNSIGNED NOT NULL,
    UNIQUE KEY uq_template_active_id (template_id),
    CONSTRAINT fk_template_active FOREIGN KEY (template_id) REFERENCES template (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE template_content (
    id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    template_id    BIGINT UNSIGNED NOT NULL,
    application_id INT UNSIGNED NOT NULL,
    mode_id        INT UNSIGNED NOT NULL,
    subject        TEXT NULL,
    body           MEDIUMTEXT NOT NULL,
    UNIQUE KEY uq_template_content (template_id, application_id, mode_id),
    CONSTRAINT fk_tc_template FOREIGN KEY (template_id) REFERENCES template (id) ON DELETE CASCADE,
    CONSTRAINT fk_tc_app FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
    CONSTRAINT fk_tc_mode FOREIGN KEY (mode_id) REFERENCES mode (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE plan (
    id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name               VARCHAR(255) NOT NULL,
    created            DATETIME(3) NOT NULL,
    user_id            BIGINT UNSIGNED NOT NULL,
    team_id            BIGINT UNSIGNED NULL,
    description        TEXT NULL,
    step_count         INT UNSIGNED NOT NULL DEFAULT 0,
    threshold_window   INT UNSIGNED NULL,
    threshold_count    INT UNSIGNED NULL,
    aggregation_window INT UNSIGNED NULL,
    aggregation_reset  INT UNSIGNED NULL,
    tracking_key       VARCHAR(255) NULL,
    tracking_type      VARCHAR(64) NULL,
    tracking_template  MEDIUMTEXT NULL,
    KEY ix_plan_name (name),
    CONSTRAINT fk_plan_user FOREIGN KEY (user_id) REFERENCES `user` (target_id),
    CONSTRAINT fk_plan_team FOREIGN KEY (team_id) REFERENCES team (target_id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE plan_active (
    name    VARCHAR(255) NOT NULL PRIMARY KEY,
    plan_id BIGINT UNSIGNED NOT NULL,
    UNIQUE KEY uq_plan_active_id (plan_id),
    CONSTRAINT fk_plan_active FOREIGN KEY (plan_id) REFERENCES plan (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- step is 1-based. target_id/role_id are null in a dynamic step, which uses dynamic_index.
CREATE TABLE plan_notification (
    id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    plan_id       BIGINT UNSIGNED NOT NULL,
    step          INT UNSIGNED NOT NULL,
    template      VARCHAR(255) NOT NULL,
    target_id     BIGINT UNSIGNED NULL,
    role_id       INT UNSIGNED NULL,
    priority_id   INT UNSIGNED NOT NULL,
    `repeat`      INT UNSIGNED NOT NULL DEFAULT 0,
    `wait`        INT UNSIGNED NOT NULL DEFAULT 0,
    optional      TINYINT(1) NOT NULL DEFAULT 0,
    dynamic_index INT UNSIGNED NULL,
    KEY ix_plan_notification_plan (plan_id, step),
    KEY ix_plan_notification_target (target_id),
    CONSTRAINT fk_pn_plan FOREIGN KEY (plan_id) REFERENCES plan (id) ON DELETE CASCADE,
    CONSTRAINT fk_pn_target FOREIGN KEY (target_id) REFERENCES target (id),
    CONSTRAINT fk_pn_role FOREIGN KEY (role_id) REFERENCES target_role (id),
    CONSTRAINT fk_pn_priority FOREIGN KEY (priority_id) REFERENCES priority (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- ---------------------------------------------------------------- incidents

-- active = escalating. active=0 with owner_id = claimed; active=0 without owner = exhausted.
-- current_step = 0: not started. dedup_key: open incidents of one application with one key absorb
-- repeats (webhooks, POST /v0/incidents with dedup_key); dedup_count counts the absorbed repeats.
CREATE TABLE incident (
    id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    plan_id        BIGINT UNSIGNED NOT NULL,
    created        DATETIME(3) NOT NULL,
    updated        DATETIME(3) NOT NULL,
    context        MEDIUMTEXT NOT NULL,
    owner_id       BIGINT UNSIGNED NULL,
    application_id INT UNSIGNED NOT NULL,
    current_step   INT UNSIGNED NOT NULL DEFAULT 0,
    active         TINYINT(1) NOT NULL DEFAULT 1,
    resolved       TINYINT(1) NOT NULL DEFAULT 0,
    dedup_key      VARCHAR(255) NULL,
    dedup_count    INT UNSIGNED NOT NULL DEFAULT 0,
    KEY ix_incident_active (active, id),
    KEY ix_incident_created (created),
    KEY ix_incident_app_dedup (application_id, dedup_key, resolved),
    KEY ix_incident_owner (owner_id),
    CONSTRAINT fk_incident_plan FOREIGN KEY (plan_id) REFERENCES plan (id),
    CONSTRAINT fk_incident_owner FOREIGN KEY (owner_id) REFERENCES `user` (target_id),
    CONSTRAINT fk_incident_app FOREIGN KEY (application_id) REFERENCES application (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The escalation work queue: one row per incident that the sender must look at, due at due_at.
-- Inserted with the incident (due now) and on unclaim; the sender claims rows with
-- SELECT ... FOR UPDATE SKIP LOCKED and reschedules or deletes them.
CREATE TABLE escalation_work (
    incident_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    due_at      DATETIME(3) NOT NULL,
    KEY ix_escalation_work_due (due_at),
    CONSTRAINT fk_escalation_work_incident FOREIGN KEY (incident_id) REFERENCES incident (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE dynamic_plan_map (
    incident_id   BIGINT UNSIGNED NOT NULL,
    dynamic_index INT UNSIGNED NOT NULL,
    role_id       INT UNSIGNED NOT NULL,
    target_id     BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (incident_id, dynamic_index),
    CONSTRAINT fk_dpm_incident FOREIGN KEY (incident_id) REFERENCES incident (id) ON DELETE CASCADE,
    CONSTRAINT fk_dpm_role FOREIGN KEY (role_id) REFERENCES target_role (id),
    CONSTRAINT fk_dpm_target FOREIGN KEY (target_id) REFERENCES target (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE comment (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    incident_id BIGINT UNSIGNED NOT NULL,
    created     DATETIME(3) NOT NULL,
    user_id     BIGINT UNSIGNED NOT NULL,
    content     TEXT NOT NULL,
    KEY ix_comment_incident (incident_id),
    CONSTRAINT fk_comment_incident FOREIGN KEY (incident_id) REFERENCES incident (id) ON DELETE CASCADE,
    CONSTRAINT fk_comment_user FOREIGN KEY (user_id) REFERENCES `user` (target_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The incident timeline beyond messages: created, claimed, unclaimed, resolved, escalated to a
-- step, exhausted, deduplicated repeat, plan-creator fallback...
CREATE TABLE incident_event (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    incident_id BIGINT UNSIGNED NOT NULL,
    created     DATETIME(3) NOT NULL,
    kind        VARCHAR(32) NOT NULL,
    actor       VARCHAR(255) NULL,
    description VARCHAR(2048) NOT NULL DEFAULT '',
    KEY ix_incident_event_incident (incident_id, id),
    CONSTRAINT fk_incident_event_incident FOREIGN KEY (incident_id) REFERENCES incident (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- ---------------------------------------------------------------- messages

-- One row per person, per notification, per round: a durable record before any vendor call.
-- status moves forward only: queued -> sending -> sent | failed, or queued -> cancelled (claim)
-- or suppressed (drop mode, quota, aggregated into a batch).
-- active mirrors Iris (1 = still to be sent) for API compatibility.
-- uq_message_round makes a retried or concurrent escalation step unable to double the messages;
-- rows without a plan notification (out-of-band, replies, retries) have NULLs and are not limited.
CREATE TABLE message (
    id                   BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    batch                CHAR(32) NULL,
    created              DATETIME(3) NOT NULL,
    sent                 DATETIME(3) NULL,
    application_id       INT UNSIGNED NOT NULL,
    target_id            BIGINT UNSIGNED NULL,
    destination          VARCHAR(255) NULL,
    mode_id              INT UNSIGNED NULL,
    plan_id              BIGINT UNSIGNED NULL,
    priority_id          INT UNSIGNED NULL,
    category_id          INT UNSIGNED NULL,
    subject              VARCHAR(255) NULL,
    body                 MEDIUMTEXT NULL,
    incident_id          BIGINT UNSIGNED NULL,
    plan_notification_id BIGINT UNSIGNED NULL,
    `round`              INT UNSIGNED NULL,
    active               TINYINT(1) NOT NULL DEFAULT 1,
    template_id          BIGINT UNSIGNED NULL,
    `status`             VARCHAR(16) NOT NULL DEFAULT 'queued',
    next_attempt_at      DATETIME(3) NOT NULL,
    attempts             INT UNSIGNED NOT NULL DEFAULT 0,
    send_deadline        DATETIME(3) NULL,
    vendor               VARCHAR(255) NULL,
    vendor_message_id    VARCHAR(255) NULL,
    delivery_status      VARCHAR(32) NULL,
    last_error           VARCHAR(2048) NULL,
    UNIQUE KEY uq_message_round (incident_id, plan_notification_id, `round`, target_id),
    KEY ix_message_dispatch (`status`, next_attempt_at),
    KEY ix_message_target_sent (target_id, sent),
    KEY ix_message_batch (batch),
    KEY ix_message_vendor_id (vendor_message_id),
    KEY ix_message_created (created),
    CONSTRAINT fk_message_app FOREIGN KEY (application_id) REFERENCES application (id),
    CONSTRAINT fk_message_target FOREIGN KEY (target_id) REFERENCES target (id),
    CONSTRAINT fk_message_mode FOREIGN KEY (mode_id) REFERENCES mode (id),
    CONSTRAINT fk_message_plan FOREIGN KEY (plan_id) REFERENCES plan (id),
    CONSTRAINT fk_message_priority FOREIGN KEY (priority_id) REFERENCES priority (id),
    CONSTRAINT fk_message_incident FOREIGN KEY (incident_id) REFERENCES incident (id) ON DELETE CASCADE,
    CONSTRAINT fk_message_pn FOREIGN KEY (plan_notification_id) REFERENCES plan_notification (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The audit log of a message (Iris's change types: mode-change, target-change, sent-change,
-- content-change).
CREATE TABLE message_changelog (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    `date`      DATETIME(3) NOT NULL,
    message_id  BIGINT UNSIGNED NOT NULL,
    change_type VARCHAR(32) NOT NULL,
    old         VARCHAR(255) NOT NULL DEFAULT '',
    new         VARCHAR(255) NOT NULL DEFAULT '',
    description VARCHAR(2048) NOT NULL DEFAULT '',
    KEY ix_changelog_message (message_id),
    CONSTRAINT fk_changelog_message FOREIGN KEY (message_id) REFERENCES message (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE response (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    created    DATETIME(3) NOT NULL,
    message_id BIGINT UNSIGNED NULL,
    content    TEXT NOT NULL,
    source     VARCHAR(255) NOT NULL,
    KEY ix_response_source (source, created)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE twilio_delivery_status (
    twilio_sid VARCHAR(64) NOT NULL PRIMARY KEY,
    message_id BIGINT UNSIGNED NOT NULL,
    status     VARCHAR(32) NULL,
    KEY ix_tds_message (message_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE twilio_retry (
    message_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    retry_id   BIGINT UNSIGNED NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE generic_message_sent_status (
    message_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    status     TINYINT(1) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What the dev vendor "delivered", for the dev inbox page.
CREATE TABLE dev_inbox (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    created     DATETIME(3) NOT NULL,
    message_id  BIGINT UNSIGNED NOT NULL,
    vendor      VARCHAR(255) NOT NULL,
    mode        VARCHAR(64) NOT NULL,
    destination VARCHAR(255) NOT NULL,
    subject     TEXT NOT NULL,
    body        MEDIUMTEXT NOT NULL,
    KEY ix_dev_inbox_destination (destination, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- ---------------------------------------------------------------- reference data

INSERT INTO target_type (id, name) VALUES (1, 'user'), (2, 'team'), (3, 'mailing-list');

INSERT INTO target_role (name, type_id) VALUES
    ('user', 1),
    ('team', 2),
    ('manager', 2),
    ('oncall-primary', 2),
    ('oncall-secondary', 2),
    ('mailing-list', 3);

INSERT INTO mode (id, name) VALUES (1, 'call'), (2, 'email'), (3, 'slack'), (4, 'sms'), (5, 'drop');

INSERT INTO priority (id, name, mode_id) VALUES (1, 'urgent', 1), (2, 'high', 4), (3, 'medium', 2), (4, 'low', 2);
