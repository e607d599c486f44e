-- Web UI sessions that are still live. The signed session cookie names its row; logging out
-- deletes the row, so a copied cookie stops working at once, and an admin can end every session
-- of a user. The id is stored hashed (SHA-256, hex) so the table alone opens no session.
CREATE TABLE ui_session (
    id_hash CHAR(64)        NOT NULL PRIMARY KEY,
    user_id BIGINT UNSIGNED NOT NULL,
    created DATETIME(3)     NOT NULL,
    expires DATETIME(3)     NOT NULL,
    KEY ix_ui_session_user (user_id, expires),
    CONSTRAINT fk_ui_session_user FOREIGN KEY (user_id) REFERENCES `user` (target_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
