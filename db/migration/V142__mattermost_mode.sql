-- The mattermost vendor (plugins/mattermost) delivers mode 'mattermost': a user's contact for it is
-- their Mattermost username (the vendor posts to @username through an incoming webhook).
INSERT IGNORE INTO mode (name) VALUES ('mattermost');
