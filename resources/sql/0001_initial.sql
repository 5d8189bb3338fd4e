-- Catalogue schema, version 1. Portable between SQLite and PostgreSQL: the token {{ID}} becomes
-- the driver's auto-increment primary key; times are BIGINT milliseconds since the epoch (UTC);
-- booleans are INTEGER 0/1. Statements are separated by lines holding only ";".
CREATE TABLE stores (
    id {{ID}},
    name VARCHAR(256) NOT NULL UNIQUE,
    store_type VARCHAR(32) NOT NULL,
    ingestable INTEGER NOT NULL,
    enabled INTEGER NOT NULL,
    staging_path TEXT NOT NULL,
    store_path TEXT NOT NULL,
    report_full_fraction DOUBLE PRECISION NOT NULL,
    transfer_methods TEXT NOT NULL
)
;
CREATE TABLE files (
    name VARCHAR(4096) PRIMARY KEY,
    create_time BIGINT NOT NULL,
    size BIGINT NOT NULL,
    checksum VARCHAR(256) NOT NULL,
    uploader VARCHAR(256) NOT NULL,
    source VARCHAR(256) NOT NULL
)
;
CREATE INDEX files_create_time ON files (create_time)
;
CREATE TABLE instances (
    id {{ID}},
    path TEXT NOT NULL,
    file_name VARCHAR(4096) NOT NULL REFERENCES files (name),
    store_id BIGINT NOT NULL REFERENCES stores (id),
    deletion_policy INTEGER NOT NULL,
    created_time BIGINT NOT NULL,
    available INTEGER NOT NULL
)
;
CREATE INDEX instances_file_name ON instances (file_name)
;
CREATE TABLE librarians (
    id {{ID}},
    name VARCHAR(256) NOT NULL UNIQUE,
    url VARCHAR(256) NOT NULL,
    port INTEGER NOT NULL,
    authenticator TEXT NOT NULL,
    transfers_enabled INTEGER NOT NULL DEFAULT 1,
    last_seen BIGINT,
    last_heard BIGINT
)
;
CREATE TABLE remote_instances (
    id {{ID}},
    file_name VARCHAR(4096) NOT NULL REFERENCES files (name),
    librarian_name VARCHAR(256) NOT NULL,
    store_id BIGINT NOT NULL,
    copy_time BIGINT NOT NULL,
    sender VARCHAR(256) NOT NULL
)
;
CREATE INDEX remote_instances_file_name ON remote_instances (file_name)
;
CREATE TABLE users (
    username VARCHAR(256) PRIMARY KEY,
    password_hash TEXT NOT NULL,
    auth_level INTEGER NOT NULL
)
;
CREATE TABLE incoming_transfers (
    id {{ID}},
    status VARCHAR(16) NOT NULL,
    uploader VARCHAR(256) NOT NULL,
    upload_name TEXT NOT NULL,
    source VARCHAR(256) NOT NULL,
    transfer_size BIGINT NOT NULL,
    transfer_checksum VARCHAR(256) NOT NULL,
    store_id BIGINT REFERENCES stores (id),
    staging_name VARCHAR(64),
    store_path TEXT NOT NULL,
    transfer_method VARCHAR(32),
    start_time BIGINT NOT NULL,
    end_time BIGINT,
    source_transfer_id BIGINT
)
;
CREATE INDEX incoming_transfers_status ON incoming_transfers (status)
;
CREATE TABLE errors (
    id {{ID}},
    severity VARCHAR(16) NOT NULL,
    category VARCHAR(64) NOT NULL,
    message TEXT NOT NULL,
    raised_time BIGINT NOT NULL,
    cleared_time BIGINT,
    cleared INTEGER NOT NULL DEFAULT 0,
    caller VARCHAR(256) NOT NULL
)
