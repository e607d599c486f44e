-- Every first attempt of a message of an aggregating plan counts the key's recent messages
-- (Aggregator.consider). With the old index (plan_id, target_id, created) each counted message was
-- a read of its table row (application, priority and status are not in it), so a storm to one
-- person cost a table read per message already sent in the window, for every new message. This
-- index holds the whole key, the time and the status (and, as every InnoDB index, the id): the
-- count reads index entries only. Built before the old one is dropped so the foreign key on
-- plan_id always has an index.
CREATE INDEX ix_message_aggregation_key ON message (plan_id, target_id, application_id, priority_id, created, `status`);
DROP INDEX ix_message_aggregation ON message;
