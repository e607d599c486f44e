-- A countdown notification (issue 17, docs/iris-differences.md C7) posts one message to its team's
-- chat channel saying whom the next step pages and when; a claim there, before that time, stops
-- the next step. The team's channel is the team target's contact for a chat mode (target_contact
-- holds contacts of any target, as in Iris).
ALTER TABLE plan_notification ADD COLUMN countdown TINYINT(1) NOT NULL DEFAULT 0;
