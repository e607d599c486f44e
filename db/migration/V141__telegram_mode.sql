-- The telegram vendor (plugins/telegram) delivers mode 'telegram': a user's contact for it is their
-- Telegram user id (the chat id of their private chat with the bot).
INSERT IGNORE INTO mode (name) VALUES ('telegram');
