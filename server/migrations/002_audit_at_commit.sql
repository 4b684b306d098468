-- Audit entries are chained at COMMIT, not when they are written. A transaction writes its entries into
-- audit_pending; a deferred constraint trigger, which PostgreSQL runs as the transaction commits, takes the
-- chain's head (FOR UPDATE), appends each entry to audit_log with its seq and hash, moves the head and removes the
-- pending row, all inside the committing transaction. The chain is the same (hash = sha256(previous hash || seq ||
-- '|' || entry), append-only, in commit order) and an entry still exists if and only if its transaction commits;
-- but the head is now held only while the transaction commits, instead of across the remaining round trips of
-- every request, which had made the head the one lock every write queued on.
CREATE TABLE audit_pending (
  id bigserial PRIMARY KEY,
  entry text NOT NULL
);

CREATE FUNCTION hc_audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash bytea;
  next_hash bytea;
BEGIN
  SELECT seq, hash INTO head_seq, head_hash FROM audit_head WHERE id = 1 FOR UPDATE;
  next_hash := sha256(head_hash || convert_to((head_seq + 1)::text || '|' || NEW.entry, 'UTF8'));
  INSERT INTO audit_log (seq, entry, prev_hash, hash) VALUES (head_seq + 1, NEW.entry, head_hash, next_hash);
  UPDATE audit_head SET seq = head_seq + 1, hash = next_hash WHERE id = 1;
  DELETE FROM audit_pending WHERE id = NEW.id;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER audit_chain_at_commit AFTER INSERT ON audit_pending
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hc_audit_chain();
