-- The sender's durable state. Everything a sender decides with is in the database, so any number
-- of senders agree and a sender that dies loses nothing.

-- One row per fired round of a plan notification, written in the same transaction as the round's
-- messages. Escalation timing reads it (a round with nobody to page, an optional step, still
-- counts), and its primary key makes a retried or concurrent round impossible to fire twice.
CREATE TABLE escalation_round (
    incident_id          BIGINT UNSIGNED NOT NULL,
    plan_notification_id BIGINT UNSIGNED NOT NULL,
    `round`              INT UNSIGNED NOT NULL,
    created              DATETIME(3) NOT NULL,
    recipients           INT UNSIGNED NOT NULL,
    PRIMARY KEY (incident_id, plan_notification_id, `round`),
    CONSTRAINT fk_escalation_round_incident FOREIGN KEY (incident_id) REFERENCES incident (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Plan aggregation per Iris key (plan, application, priority, target). batch is the open batch
-- that new messages of the key join until batch_due; last_aggregated ends aggregation mode when
-- aggregation_reset seconds pass without a new message.
CREATE TABLE aggregation_state (
    plan_id         BIGINT UNSIGNED NOT NULL,
    application_id  INT UNSIGNED NOT NULL,
    priority_id     INT UNSIGNED NOT NULL,
    target_id       BIGINT UNSIGNED NOT NULL,
    batch           CHAR(32) NULL,
    batch_due       DATETIME(3) NULL,
    last_aggregated DATETIME(3) NULL,
    PRIMARY KEY (plan_id, application_id, priority_id, target_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Application quota usage in ten-second buckets (the quota windows are sums over buckets).
CREATE TABLE quota_bucket (
    application_id INT UNSIGNED NOT NULL,
    bucket_start   DATETIME NOT NULL,
    `count`        INT UNSIGNED NOT NULL,
    PRIMARY KEY (application_id, bucket_start)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- When the last quota incident and the last soft-quota notice went out, per application, so
-- several senders raise one incident and send one notice.
CREATE TABLE quota_state (
    application_id      INT UNSIGNED NOT NULL PRIMARY KEY,
    last_incident_id    BIGINT UNSIGNED NULL,
    last_incident_at    DATETIME(3) NULL,
    last_soft_notice_at DATETIME(3) NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Recovery of sends whose sender died (and retries waiting for their backoff) scans by deadline.
CREATE INDEX ix_message_send_deadline ON message (`status`, send_deadline);
-- Aggregation counts a key's recent messages.
CREATE INDEX ix_message_aggregation ON message (plan_id, target_id, created);
