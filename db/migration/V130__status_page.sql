-- The public status page (docs/status-page.md). Components are what the public sees ("Voice API");
-- feeds say which incidents drive a component; its state follows those incidents, unless people
-- override it. Only these tables, and only their public columns, reach the public page.

-- recorded_state/recorded_since: the state the recorder last wrote to status_state_change. The
-- recorder changes it with a compare-and-set UPDATE, so several API nodes record a change once.
CREATE TABLE status_component (
    id             INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name           VARCHAR(255) NOT NULL,
    description    VARCHAR(1024) NOT NULL DEFAULT '',
    display_order  INT NOT NULL DEFAULT 0,
    created        DATETIME(3) NOT NULL,
    recorded_state VARCHAR(32) NOT NULL DEFAULT 'operational',
    recorded_since DATETIME(3) NOT NULL,
    UNIQUE KEY uq_status_component_name (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What feeds a component: kind is application (value: its name), plan (a plan name), label
-- (key=value of a webhook alert's labels or an incident's context), dedup_prefix (the start of an
-- incident's dedup key) or heartbeat (a heartbeat's name).
CREATE TABLE status_component_feed (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    component_id INT UNSIGNED NOT NULL,
    kind         VARCHAR(32) NOT NULL,
    value        VARCHAR(255) NOT NULL,
    UNIQUE KEY uq_status_feed (component_id, kind, value),
    CONSTRAINT fk_status_feed_component FOREIGN KEY (component_id) REFERENCES status_component (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A state set by a person; it wins over the computed one until `until` (NULL: until removed).
-- reason is shown publicly next to the state; user_id is not.
CREATE TABLE status_component_override (
    component_id INT UNSIGNED NOT NULL PRIMARY KEY,
    state        VARCHAR(32) NOT NULL,
    reason       VARCHAR(1024) NOT NULL,
    user_id      BIGINT UNSIGNED NOT NULL,
    created      DATETIME(3) NOT NULL,
    until        DATETIME(3) NULL,
    CONSTRAINT fk_status_override_component FOREIGN KEY (component_id) REFERENCES status_component (id) ON DELETE CASCADE,
    CONSTRAINT fk_status_override_user FOREIGN KEY (user_id) REFERENCES `user` (target_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Each change of a component's shown state, for the 90-day uptime bars.
CREATE TABLE status_state_change (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    component_id INT UNSIGNED NOT NULL,
    changed      DATETIME(3) NOT NULL,
    state        VARCHAR(32) NOT NULL,
    KEY ix_status_change_component (component_id, changed),
    CONSTRAINT fk_status_change_component FOREIGN KEY (component_id) REFERENCES status_component (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An incident shown on the status page: its public title, chosen by a responder with the first
-- public update (the incident's own context never reaches the page).
CREATE TABLE status_incident (
    incident_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    title       VARCHAR(255) NOT NULL,
    created     DATETIME(3) NOT NULL,
    KEY ix_status_incident_created (created),
    CONSTRAINT fk_status_incident FOREIGN KEY (incident_id) REFERENCES incident (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Public updates: status is investigating, identified, monitoring or resolved.
CREATE TABLE status_update (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    incident_id BIGINT UNSIGNED NOT NULL,
    created     DATETIME(3) NOT NULL,
    `status`    VARCHAR(16) NOT NULL,
    body        TEXT NOT NULL,
    user_id     BIGINT UNSIGNED NOT NULL,
    KEY ix_status_update_incident (incident_id, id),
    KEY ix_status_update_created (created),
    CONSTRAINT fk_status_update_incident FOREIGN KEY (incident_id) REFERENCES status_incident (incident_id) ON DELETE CASCADE,
    CONSTRAINT fk_status_update_user FOREIGN KEY (user_id) REFERENCES `user` (target_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One reminder per incident ("post a public update"): the primary key makes it once, whichever
-- API node gets there first.
CREATE TABLE status_reminder (
    incident_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    sent        DATETIME(3) NOT NULL,
    CONSTRAINT fk_status_reminder_incident FOREIGN KEY (incident_id) REFERENCES incident (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Email subscribers. token is in the confirmation and unsubscribe links; confirmed = 0 until the
-- confirmation link is used, and only confirmed addresses get notices.
CREATE TABLE status_subscription (
    id        BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email     VARCHAR(255) NOT NULL,
    token     CHAR(64) NOT NULL,
    confirmed TINYINT(1) NOT NULL DEFAULT 0,
    created   DATETIME(3) NOT NULL,
    UNIQUE KEY uq_status_subscription_email (email),
    UNIQUE KEY uq_status_subscription_token (token)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Postmortems: one document about one or more incidents, every save a new version.
-- published_version: the version shown on the status page (NULL: not published).
CREATE TABLE postmortem (
    id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    title             VARCHAR(255) NOT NULL,
    created           DATETIME(3) NOT NULL,
    user_id           BIGINT UNSIGNED NOT NULL,
    published_version INT UNSIGNED NULL,
    published         DATETIME(3) NULL,
    CONSTRAINT fk_postmortem_user FOREIGN KEY (user_id) REFERENCES `user` (target_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE postmortem_incident (
    postmortem_id BIGINT UNSIGNED NOT NULL,
    incident_id   BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (postmortem_id, incident_id),
    KEY ix_postmortem_incident (incident_id),
    CONSTRAINT fk_pm_incident_pm FOREIGN KEY (postmortem_id) REFERENCES postmortem (id) ON DELETE CASCADE,
    CONSTRAINT fk_pm_incident_incident FOREIGN KEY (incident_id) REFERENCES incident (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE postmortem_version (
    postmortem_id BIGINT UNSIGNED NOT NULL,
    version       INT UNSIGNED NOT NULL,
    created       DATETIME(3) NOT NULL,
    user_id       BIGINT UNSIGNED NOT NULL,
    markdown      MEDIUMTEXT NOT NULL,
    PRIMARY KEY (postmortem_id, version),
    CONSTRAINT fk_pm_version_pm FOREIGN KEY (postmortem_id) REFERENCES postmortem (id) ON DELETE CASCADE,
    CONSTRAINT fk_pm_version_user FOREIGN KEY (user_id) REFERENCES `user` (target_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The status page reads the unresolved incidents of the last few days (status.maxIncidentAgeDays).
CREATE INDEX ix_incident_resolved_created ON incident (resolved, created);
