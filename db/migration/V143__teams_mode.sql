-- The teams vendor (plugins/teams) delivers mode 'teams': a user's contact for it is their Microsoft
-- sign-in name (UPN), which the card @mentions in the channel the Workflows webhook posts to.
INSERT IGNORE INTO mode (name) VALUES ('teams');
