-- What send_clone need not look at again (issue 9). For each peer, [settled_from, settled_until)
-- is a create_time range in which every file was last seen settled: at the peer, in flight to it,
-- or without an available instance. OutgoingTransfers::candidates skips that range, so an idle
-- tick over a catalogue already at the peer is one seek, not one probe per file.
-- The triggers below shrink the range whenever a file in it may have become a candidate again
-- (a new file or available instance, a remote instance gone, a live transfer ended), whatever code
-- made the change. lowest_change remembers the oldest such change since the last candidates run
-- began, so that run cannot widen the range over a change its scan may have missed; generation
-- tells two runs for the same peer apart (only the last one to begin may write). A change that
-- alters neither (a new upload, newer than both) leaves the row alone, so uploads do not queue on it.
-- A statement holding a line "-- only <driver>" runs on that Qt SQL driver alone.
CREATE TABLE send_frontiers (
    destination VARCHAR(256) PRIMARY KEY,
    settled_from BIGINT NOT NULL,
    settled_until BIGINT NOT NULL,
    lowest_change BIGINT,
    generation BIGINT NOT NULL DEFAULT 0
)
;
-- only QSQLITE
-- SQLite has no stored procedures: inserting into this view is the one place the range shrinks.
CREATE VIEW send_frontier_changes (destination, change_time) AS SELECT NULL, NULL
;
-- only QSQLITE
CREATE TRIGGER send_frontier_change INSTEAD OF INSERT ON send_frontier_changes
BEGIN
    UPDATE send_frontiers SET
        settled_until = CASE WHEN NEW.change_time >= settled_from AND NEW.change_time < settled_until
                             THEN NEW.change_time ELSE settled_until END,
        lowest_change = CASE WHEN lowest_change IS NULL OR NEW.change_time < lowest_change
                             THEN NEW.change_time ELSE lowest_change END
    WHERE NEW.change_time IS NOT NULL AND (NEW.destination IS NULL OR destination = NEW.destination)
      AND ((NEW.change_time >= settled_from AND NEW.change_time < settled_until) OR lowest_change IS NULL
           OR NEW.change_time < lowest_change);
END
;
-- only QSQLITE
CREATE TRIGGER files_send_frontier AFTER INSERT ON files
BEGIN
    INSERT INTO send_frontier_changes VALUES (NULL, NEW.create_time);
END
;
-- only QSQLITE
CREATE TRIGGER files_send_frontier_time AFTER UPDATE OF create_time ON files
BEGIN
    INSERT INTO send_frontier_changes VALUES (NULL, NEW.create_time);
END
;
-- only QSQLITE
CREATE TRIGGER instances_send_frontier AFTER INSERT ON instances WHEN NEW.available = 1
BEGIN
    INSERT INTO send_frontier_changes VALUES (NULL, (SELECT create_time FROM files WHERE name = NEW.file_name));
END
;
-- only QSQLITE
CREATE TRIGGER instances_send_frontier_update AFTER UPDATE ON instances
WHEN NEW.available = 1 AND (OLD.available <> 1 OR NEW.file_name <> OLD.file_name)
BEGIN
    INSERT INTO send_frontier_changes VALUES (NULL, (SELECT create_time FROM files WHERE name = NEW.file_name));
END
;
-- only QSQLITE
CREATE TRIGGER remote_instances_send_frontier AFTER DELETE ON remote_instances
BEGIN
    INSERT INTO send_frontier_changes
        VALUES (OLD.librarian_name, (SELECT create_time FROM files WHERE name = OLD.file_name));
END
;
-- only QSQLITE
CREATE TRIGGER remote_instances_send_frontier_update AFTER UPDATE ON remote_instances
WHEN NEW.file_name <> OLD.file_name OR NEW.librarian_name <> OLD.librarian_name
BEGIN
    INSERT INTO send_frontier_changes
        VALUES (OLD.librarian_name, (SELECT create_time FROM files WHERE name = OLD.file_name));
END
;
-- only QSQLITE
CREATE TRIGGER outgoing_transfers_send_frontier AFTER DELETE ON outgoing_transfers
WHEN OLD.status IN ('INITIATED', 'ONGOING', 'STAGED')
BEGIN
    INSERT INTO send_frontier_changes
        VALUES (OLD.destination, (SELECT create_time FROM files WHERE name = OLD.file_name));
END
;
-- only QSQLITE
CREATE TRIGGER outgoing_transfers_send_frontier_update AFTER UPDATE ON outgoing_transfers
WHEN OLD.status IN ('INITIATED', 'ONGOING', 'STAGED')
     AND (NEW.status NOT IN ('INITIATED', 'ONGOING', 'STAGED') OR NEW.destination <> OLD.destination
          OR NEW.file_name <> OLD.file_name)
BEGIN
    INSERT INTO send_frontier_changes
        VALUES (OLD.destination, (SELECT create_time FROM files WHERE name = OLD.file_name));
END
;
-- only QPSQL
CREATE FUNCTION send_frontier_change(dest VARCHAR, t BIGINT) RETURNS void LANGUAGE sql AS $$
    UPDATE send_frontiers SET
        settled_until = CASE WHEN t >= settled_from AND t < settled_until THEN t ELSE settled_until END,
        lowest_change = CASE WHEN lowest_change IS NULL OR t < lowest_change THEN t ELSE lowest_change END
    WHERE t IS NOT NULL AND (dest IS NULL OR destination = dest)
      AND ((t >= settled_from AND t < settled_until) OR lowest_change IS NULL OR t < lowest_change)
$$
;
-- only QPSQL
CREATE FUNCTION files_send_frontier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM send_frontier_change(NULL, NEW.create_time);
    RETURN NULL;
END
$$
;
-- only QPSQL
CREATE TRIGGER files_send_frontier AFTER INSERT OR UPDATE OF create_time ON files
FOR EACH ROW EXECUTE FUNCTION files_send_frontier()
;
-- only QPSQL
CREATE FUNCTION instances_send_frontier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.available = 1 AND (TG_OP = 'INSERT' OR OLD.available <> 1 OR NEW.file_name <> OLD.file_name) THEN
        PERFORM send_frontier_change(NULL, (SELECT create_time FROM files WHERE name = NEW.file_name));
    END IF;
    RETURN NULL;
END
$$
;
-- only QPSQL
CREATE TRIGGER instances_send_frontier AFTER INSERT OR UPDATE ON instances
FOR EACH ROW EXECUTE FUNCTION instances_send_frontier()
;
-- only QPSQL
CREATE FUNCTION remote_instances_send_frontier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.file_name <> OLD.file_name OR NEW.librarian_name <> OLD.librarian_name THEN
        PERFORM send_frontier_change(OLD.librarian_name, (SELECT create_time FROM files WHERE name = OLD.file_name));
    END IF;
    RETURN NULL;
END
$$
;
-- only QPSQL
CREATE TRIGGER remote_instances_send_frontier AFTER UPDATE OR DELETE ON remote_instances
FOR EACH ROW EXECUTE FUNCTION remote_instances_send_frontier()
;
-- only QPSQL
CREATE FUNCTION outgoing_transfers_send_frontier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status IN ('INITIATED', 'ONGOING', 'STAGED')
       AND (TG_OP = 'DELETE' OR NEW.status NOT IN ('INITIATED', 'ONGOING', 'STAGED')
            OR NEW.destination <> OLD.destination OR NEW.file_name <> OLD.file_name) THEN
        PERFORM send_frontier_change(OLD.destination, (SELECT create_time FROM files WHERE name = OLD.file_name));
    END IF;
    RETURN NULL;
END
$$
;
-- only QPSQL
CREATE TRIGGER outgoing_transfers_send_frontier AFTER UPDATE OR DELETE ON outgoing_transfers
FOR EACH ROW EXECUTE FUNCTION outgoing_transfers_send_frontier()
