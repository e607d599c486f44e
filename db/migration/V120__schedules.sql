-- On-call schedules built into Iris (docs/schedules.md).
--
-- History is kept by never rewriting rows that describe the past: a rotation whose shape changes
-- is ended (ended_at) and a new row with the same name starts; a person leaving a rotation gets
-- left_at, a person joining or moving gets a new membership row. "Who was on call at T" is
-- therefore the same answer before and after any later change.

-- Per-team settings: how long before a shift starts its "you are on call" notice goes out.
CREATE TABLE schedule_team (
    team_id             BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    notice_lead_minutes INT UNSIGNED NOT NULL DEFAULT 60,
    CONSTRAINT fk_schedule_team_team FOREIGN KEY (team_id) REFERENCES team (target_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A rotation of one role of a team. shift_pattern is a comma-separated list of shift lengths
-- ("1w", "12h", "8h,8h,8h", "5d,2d"); the first handoff is anchor_local (wall-clock time in
-- time_zone), later handoffs follow in that zone, so day and week shifts keep their local time
-- across daylight-saving changes. restriction limits the rotation to business hours (Monday to
-- Friday 09:00-17:00 local) or to the hours outside them.
CREATE TABLE schedule_rotation (
    id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    team_id       BIGINT UNSIGNED NOT NULL,
    name          VARCHAR(64) NOT NULL,
    role          VARCHAR(16) NOT NULL,
    time_zone     VARCHAR(64) NOT NULL,
    anchor_local  DATETIME NOT NULL,
    shift_pattern VARCHAR(255) NOT NULL,
    restriction   VARCHAR(16) NOT NULL DEFAULT 'none',
    created_at    DATETIME(3) NOT NULL,
    ended_at      DATETIME(3) NULL,
    KEY ix_schedule_rotation_team (team_id, role),
    CONSTRAINT fk_schedule_rotation_team FOREIGN KEY (team_id) REFERENCES team (target_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE schedule_member (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    rotation_id BIGINT UNSIGNED NOT NULL,
    user_id     BIGINT UNSIGNED NOT NULL,
    position    INT UNSIGNED NOT NULL,
    joined_at   DATETIME(3) NOT NULL,
    left_at     DATETIME(3) NULL,
    KEY ix_schedule_member_rotation (rotation_id),
    CONSTRAINT fk_schedule_member_rotation FOREIGN KEY (rotation_id) REFERENCES schedule_rotation (id) ON DELETE CASCADE,
    CONSTRAINT fk_schedule_member_user FOREIGN KEY (user_id) REFERENCES `user` (target_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- "user covers [start_at, end_at) of this role", for everyone on call then or only for
-- replaced_user_id.
CREATE TABLE schedule_override (
    id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    team_id          BIGINT UNSIGNED NOT NULL,
    role             VARCHAR(16) NOT NULL,
    user_id          BIGINT UNSIGNED NOT NULL,
    replaced_user_id BIGINT UNSIGNED NULL,
    start_at         DATETIME(3) NOT NULL,
    end_at           DATETIME(3) NOT NULL,
    created_at       DATETIME(3) NOT NULL,
    created_by       VARCHAR(255) NOT NULL,
    deleted_at       DATETIME(3) NULL,
    KEY ix_schedule_override_team (team_id, role, end_at),
    CONSTRAINT fk_schedule_override_team FOREIGN KEY (team_id) REFERENCES team (target_id) ON DELETE CASCADE,
    CONSTRAINT fk_schedule_override_user FOREIGN KEY (user_id) REFERENCES `user` (target_id) ON DELETE CASCADE,
    CONSTRAINT fk_schedule_override_replaced FOREIGN KEY (replaced_user_id) REFERENCES `user` (target_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A swap: during [start_at, end_at) requester's turns go to partner and partner's to requester.
-- status: pending (until the partner answers), accepted, refused.
CREATE TABLE schedule_swap (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    team_id      BIGINT UNSIGNED NOT NULL,
    role         VARCHAR(16) NOT NULL,
    requester_id BIGINT UNSIGNED NOT NULL,
    partner_id   BIGINT UNSIGNED NOT NULL,
    start_at     DATETIME(3) NOT NULL,
    end_at       DATETIME(3) NOT NULL,
    `status`     VARCHAR(16) NOT NULL,
    created_at   DATETIME(3) NOT NULL,
    created_by   VARCHAR(255) NOT NULL,
    decided_at   DATETIME(3) NULL,
    decided_by   VARCHAR(255) NULL,
    KEY ix_schedule_swap_team (team_id, role, end_at),
    CONSTRAINT fk_schedule_swap_team FOREIGN KEY (team_id) REFERENCES team (target_id) ON DELETE CASCADE,
    CONSTRAINT fk_schedule_swap_requester FOREIGN KEY (requester_id) REFERENCES `user` (target_id) ON DELETE CASCADE,
    CONSTRAINT fk_schedule_swap_partner FOREIGN KEY (partner_id) REFERENCES `user` (target_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every change to a team's schedule: who, when, what.
CREATE TABLE schedule_audit (
    id       BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    team_id  BIGINT UNSIGNED NOT NULL,
    at       DATETIME(3) NOT NULL,
    actor    VARCHAR(255) NOT NULL,
    action   VARCHAR(32) NOT NULL,
    detail   TEXT NOT NULL,
    KEY ix_schedule_audit_team (team_id, at),
    CONSTRAINT fk_schedule_audit_team FOREIGN KEY (team_id) REFERENCES team (target_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Handoff notices already created: one row per (team, role, person, shift start, kind). The
-- notice's message is inserted in the same transaction as this row, with INSERT IGNORE on the
-- key, so every notice exists exactly once whatever the number of senders and restarts.
CREATE TABLE schedule_notice (
    team_id     BIGINT UNSIGNED NOT NULL,
    role        VARCHAR(16) NOT NULL,
    user_id     BIGINT UNSIGNED NOT NULL,
    shift_start DATETIME(3) NOT NULL,
    kind        VARCHAR(16) NOT NULL,
    created_at  DATETIME(3) NOT NULL,
    message_id  BIGINT UNSIGNED NULL,
    PRIMARY KEY (team_id, role, user_id, shift_start, kind),
    CONSTRAINT fk_schedule_notice_team FOREIGN KEY (team_id) REFERENCES team (target_id) ON DELETE CASCADE,
    CONSTRAINT fk_schedule_notice_user FOREIGN KEY (user_id) REFERENCES `user` (target_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Secret calendar-subscription URLs: a token for one person's shifts or one team's.
CREATE TABLE schedule_ical_key (
    token      CHAR(43) NOT NULL PRIMARY KEY,
    user_id    BIGINT UNSIGNED NULL,
    team_id    BIGINT UNSIGNED NULL,
    created_at DATETIME(3) NOT NULL,
    created_by VARCHAR(255) NOT NULL,
    CONSTRAINT fk_schedule_ical_user FOREIGN KEY (user_id) REFERENCES `user` (target_id) ON DELETE CASCADE,
    CONSTRAINT fk_schedule_ical_team FOREIGN KEY (team_id) REFERENCES team (target_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
