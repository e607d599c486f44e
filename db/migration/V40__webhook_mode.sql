-- The webhook vendor (plugins/webhook) delivers mode 'webhook': a user's contact for it is a URL.
INSERT IGNORE INTO mode (name) VALUES ('webhook');
