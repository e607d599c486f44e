-- The ntfy vendor (plugins/ntfy) delivers mode 'ntfy': a user's contact for it is an ntfy topic
-- name. Like webhook, no priority uses it by default; people choose it on their settings page.
INSERT IGNORE INTO mode (name) VALUES ('ntfy');
