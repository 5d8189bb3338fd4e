-- The send queue's lookups, one seek each however long the push history (issue 9: at 100 000
-- files pushed, consume_queue's and check_consumed_queue's "the transfers of this queue item"
-- walked every outgoing transfer ever made, a quarter of the source's CPU).
CREATE INDEX outgoing_transfers_send_queue ON outgoing_transfers (send_queue_id)
;
-- The items still to consume or to check: a range of the few open ones, not the whole queue.
CREATE INDEX send_queue_open ON send_queue (completed, consumed)
;
