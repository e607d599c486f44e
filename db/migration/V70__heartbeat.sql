-- Heartbeat monitors: an application (or a cron job) registers a heartbeat with an interval and a
-- plan, and POSTs to its URL at least once per interval. When due_at passes without a beat, the
-- checker opens an incident on the plan (incident_id); the next beat resolves it.
CREATE TABLE heartbeat (
    id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    application_id   INT UNSIGNED NOT NULL,
    name             VARCHAR(255) NOT NULL,
    interval_seconds INT UNSIGNED NOT NULL,
    plan_name        VARCHAR(255) NOT NULL,
    created          DATETIME(3) NOT NULL,
    last_beat        DATETIME(3) NULL,
    due_at           DATETIME(3) NOT NULL,
    incident_id      BIGINT UNSIGNED NULL,
    UNIQUE KEY uq_heartbeat_name (application_id, name),
    KEY ix_heartbeat_due (incident_id, due_at),
    CONSTRAINT fk_heartbeat_app FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
    CONSTRAINT fk_heartbeat_incident FOREIGN KEY (incident_id) REFERENCES incident (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
