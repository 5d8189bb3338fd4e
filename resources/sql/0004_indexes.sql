-- Indexes for the catalogue's hot queries (issue 9). Each one matches a lookup in the code; the
-- unit tests assert on SQLite's plans that they are used.
--
-- send_clone's selection walks files in (create_time, name) order and stops at its batch: the
-- composite index gives that order without a sort (it replaces the create_time-only index).
DROP INDEX files_create_time
;
CREATE INDEX files_create_time_name ON files (create_time, name)
;
-- Searches by uploader or source, newest first: an index range already in create_time order.
CREATE INDEX files_uploader ON files (uploader, create_time)
;
CREATE INDEX files_source ON files (source, create_time)
;
-- "Is this file in flight to this peer?" must be one seek per file, not a walk through every live
-- transfer to the peer (which is what (destination, status) gave). Replaces the file_name-only index.
DROP INDEX outgoing_transfers_file_name
;
CREATE INDEX outgoing_transfers_file ON outgoing_transfers (file_name, destination, status)
;
-- upload/stage looks for a resumable upload of the same destination name (and liveFor lists the
-- live ones): by store_path, not by status, which matches every transfer in progress.
CREATE INDEX incoming_transfers_store_path ON incoming_transfers (store_path, status)
