-- Delivery on a time budget (docs/sender.md, "Delivery guarantee"): a page is retried until
-- sender.deliveryBudget after its first attempt, falls back through the person's other modes, and
-- is only then given up, with a timeline event and a notice to the plan's creator.
--   first_attempt_at  when the message first moved to sending (the budget's start)
--   mode_since        when its current mode was first tried (transient failures fall back to the
--                     next mode after sender.fallbackAfter)
--   modes_tried       the modes it has already failed in, as a comma-separated list of names
--   notice_of         for a notice about an undeliverable page: that page's message id (a notice
--                     that cannot be delivered raises no further notice)
ALTER TABLE message
    ADD COLUMN first_attempt_at DATETIME(3) NULL,
    ADD COLUMN mode_since       DATETIME(3) NULL,
    ADD COLUMN modes_tried      VARCHAR(255) NULL,
    ADD COLUMN notice_of        BIGINT UNSIGNED NULL;
