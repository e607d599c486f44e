-- A multi-recipient email (POST /v0/notifications with target_list) is one message row: its
-- destination is the first address, and recipients lists them all as JSON,
-- {"to": ["a@example.com"], "bcc": ["b@example.com"]}. NULL for every other message.
ALTER TABLE message ADD COLUMN recipients TEXT NULL;
