-- The audit chain moves off the commit path. 002 chained every entry inside its writing transaction, at COMMIT:
-- the chain's head row was locked FOR UPDATE and held through the commit's WAL flush, so every audited write
-- committed one flush after another and group commit never happened (about 1,000 writes/s per disk at best).
--
-- Now a writing transaction only inserts its entries into audit_pending (an entry still exists if and only if its
-- transaction commits), and a single chainer moves them into audit_log in batches, in one short transaction per
-- batch: hc_chain_audit() below. It holds an advisory lock (one chainer at a time across every instance of the
-- service and every tool) and the head row, takes the pending entries in id order, appends each to audit_log
-- with the same hash (sha256(previous hash || seq || '|' || entry)), moves the head and deletes what it chained.
-- audit_log stays append-only; a crash before or during a batch leaves its entries pending for the next one.
DROP TRIGGER audit_chain_at_commit ON audit_pending;
DROP FUNCTION hc_audit_chain();

-- When the entry was written (its transaction's start): points:verify reports entries left pending over a minute.
ALTER TABLE audit_pending ADD COLUMN written_at timestamptz NOT NULL DEFAULT now();

-- Chains up to max_entries pending entries. wait = false (the service's loop): returns -1 at once if another
-- chainer holds the lock; wait = true (points:verify, tools, tests): waits for it. Returns how many it chained.
-- Run it in its own READ COMMITTED transaction (a plain SELECT): each statement below sees the latest commits.
CREATE FUNCTION hc_chain_audit(max_entries integer DEFAULT 5000, wait boolean DEFAULT false) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash bytea;
  r record;
  n integer := 0;
  ids bigint[] := '{}';
  seqs bigint[] := '{}';
  entries text[] := '{}';
  prevs bytea[] := '{}';
  hashes bytea[] := '{}';
BEGIN
  IF wait THEN
    PERFORM pg_advisory_xact_lock(20251226);
  ELSIF NOT pg_try_advisory_xact_lock(20251226) THEN
    RETURN -1;
  END IF;
  -- The head row too: even a chainer that skipped the advisory lock could not fork the chain.
  SELECT seq, hash INTO head_seq, head_hash FROM audit_head WHERE id = 1 FOR UPDATE;
  FOR r IN SELECT id, entry FROM audit_pending ORDER BY id LIMIT max_entries LOOP
    n := n + 1;
    ids[n] := r.id;
    seqs[n] := head_seq + 1;
    entries[n] := r.entry;
    prevs[n] := head_hash;
    head_hash := sha256(head_hash || convert_to((head_seq + 1)::text || '|' || r.entry, 'UTF8'));
    head_seq := head_seq + 1;
    hashes[n] := head_hash;
  END LOOP;
  IF n = 0 THEN
    RETURN 0;
  END IF;
  INSERT INTO audit_log (seq, entry, prev_hash, hash) SELECT * FROM unnest(seqs, entries, prevs, hashes);
  UPDATE audit_head SET seq = head_seq, hash = head_hash WHERE id = 1;
  DELETE FROM audit_pending WHERE id = ANY (ids);
  RETURN n;
END $$;
