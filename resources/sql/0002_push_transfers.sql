-- Push transfers (source side): the send queue and the outgoing transfers it carries.
CREATE TABLE send_queue (
    id {{ID}},
    priority INTEGER NOT NULL DEFAULT 0,
    created_time BIGINT NOT NULL,
    retries INTEGER NOT NULL DEFAULT 0,
    destination VARCHAR(256) NOT NULL,
    transfer_method VARCHAR(32) NOT NULL,
    consumed INTEGER NOT NULL DEFAULT 0,
    consumed_time BIGINT,
    completed INTEGER NOT NULL DEFAULT 0,
    completed_time BIGINT,
    failed INTEGER NOT NULL DEFAULT 0
)
;
CREATE TABLE outgoing_transfers (
    id {{ID}},
    status VARCHAR(16) NOT NULL,
    destination VARCHAR(256) NOT NULL,
    transfer_size BIGINT NOT NULL,
    transfer_checksum VARCHAR(256) NOT NULL,
    start_time BIGINT NOT NULL,
    end_time BIGINT,
    file_name VARCHAR(4096) NOT NULL REFERENCES files (name),
    instance_id BIGINT REFERENCES instances (id),
    remote_transfer_id BIGINT,
    transfer_method VARCHAR(32),
    send_queue_id BIGINT REFERENCES send_queue (id),
    source_path TEXT,
    data_port INTEGER,
    data_path TEXT,
    data_chunk_bytes BIGINT,
    dest_path TEXT,
    error TEXT
)
;
CREATE INDEX outgoing_transfers_destination ON outgoing_transfers (destination, status)
;
CREATE INDEX outgoing_transfers_file_name ON outgoing_transfers (file_name)
;
CREATE INDEX remote_instances_librarian ON remote_instances (librarian_name, file_name)
;
ALTER TABLE incoming_transfers ADD COLUMN error TEXT
