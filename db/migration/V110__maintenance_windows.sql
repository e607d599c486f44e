-- Maintenance windows: planned quiet periods per application or per plan (by name, every version).
-- Incidents triggered inside one are recorded as silenced and page nobody; a window may also stop
-- incidents already paging when it starts (stop_paging); when it ends, its silenced incidents that
-- are still open start or resume escalation (resume_at_end) or, without that, are left
-- unacknowledged. started_done/ended_done record that a sender applied the start and the end.
CREATE TABLE maintenance_window (
    id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    application_id INT UNSIGNED NULL,
    plan_name      VARCHAR(255) NULL,
    starts_at      DATETIME(3) NOT NULL,
    ends_at        DATETIME(3) NOT NULL,
    reason         TEXT NOT NULL,
    creator        VARCHAR(255) NOT NULL,
    stop_paging    TINYINT(1) NOT NULL DEFAULT 0,
    resume_at_end  TINYINT(1) NOT NULL DEFAULT 1,
    created        DATETIME(3) NOT NULL,
    started_done   TINYINT(1) NOT NULL DEFAULT 0,
    ended_done     TINYINT(1) NOT NULL DEFAULT 0,
    KEY ix_maintenance_pending (ended_done, starts_at, ends_at),
    KEY ix_maintenance_app (application_id),
    KEY ix_maintenance_plan (plan_name),
    CONSTRAINT fk_maintenance_app FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The window's own timeline: created, started, ended early, ended.
CREATE TABLE maintenance_event (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    window_id   BIGINT UNSIGNED NOT NULL,
    created     DATETIME(3) NOT NULL,
    kind        VARCHAR(32) NOT NULL,
    actor       VARCHAR(255) NULL,
    description TEXT NOT NULL,
    KEY ix_maintenance_event_window (window_id, id),
    CONSTRAINT fk_maintenance_event_window FOREIGN KEY (window_id) REFERENCES maintenance_window (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The window that silenced an incident, while it is silenced.
ALTER TABLE incident ADD COLUMN silenced_by BIGINT UNSIGNED NULL;
