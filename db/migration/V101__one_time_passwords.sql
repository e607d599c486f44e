-- A local password that must be replaced at the next login: the first admin's generated one-time
-- password (iris-api bootstrap), or a password an admin set for someone. The web UI asks for a new
-- password before it starts a session.
ALTER TABLE `user` ADD COLUMN password_change_required TINYINT(1) NOT NULL DEFAULT 0;
