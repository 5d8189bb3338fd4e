-- The destination remembers each callback it owes its source (/clone/complete or /checkin/update
-- FAILED) until the source has answered, so that a source that was down, or a restart here, loses none.
ALTER TABLE incoming_transfers ADD COLUMN callback_pending INTEGER NOT NULL DEFAULT 0
;
ALTER TABLE incoming_transfers ADD COLUMN callback_attempts INTEGER NOT NULL DEFAULT 0
;
ALTER TABLE incoming_transfers ADD COLUMN next_callback_time BIGINT
;
CREATE INDEX incoming_transfers_callback ON incoming_transfers (callback_pending, next_callback_time)
