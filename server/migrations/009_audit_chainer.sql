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
--
-- With the head gone, the two writes a busy morning is made of also become one statement each (hc_attend,
-- hc_redeem, at the end): one round trip instead of six and eight, and no lock held across a round trip.
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

-- A volunteer's check-in by card (POST /attendance) in one statement, one round trip instead of six: the
-- idempotency key, the card, the credit (the same statement as Ledger.credit: transfer, attendance, the day's
-- counter, the cached balance), the audit entry and the stored result. The service checks the occurrence, its
-- date and its rule first (Ledger.planAttend) and passes the points; every rule the database holds (one attendance
-- per card and occurrence, the daily cap, balance >= 0) holds here the same way. An error raised here undoes all of
-- it, the key included: 'hc:unknown-card' and 'hc:card-closed' are answers; outcome 'replayed' returns the first
-- result, 'reused' a key sent before with another body (nothing written).
CREATE FUNCTION hc_attend(
  p_actor text, p_key text, p_hash bytea, p_token_hash bytea, p_number text, p_occurrence text, p_points integer,
  p_rule text, p_day date, p_cap integer, p_department text, p_expires date, p_staff bigint, p_earned bigint,
  p_at text, OUT outcome text, OUT status integer, OUT response jsonb)
LANGUAGE plpgsql AS $$
DECLARE
  first record;
  c record;
  tid bigint;
  bal bigint;
BEGIN
  INSERT INTO idempotency (actor, key, request_hash, status, response) VALUES (p_actor, p_key, p_hash, 0, 'null')
    ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    SELECT i.request_hash, i.status, i.response INTO first FROM idempotency i WHERE i.actor = p_actor AND i.key = p_key;
    outcome := CASE WHEN first.request_hash = p_hash THEN 'replayed' ELSE 'reused' END;
    status := first.status;
    response := first.response;
    RETURN;
  END IF;
  IF p_token_hash IS NOT NULL THEN
    -- A phone's token (card_devices, migration 003): a device forgotten before the card closed is unknown.
    SELECT k.id, k.account_id, k.status INTO c FROM card_devices d JOIN cards k ON k.id = d.card_id
      WHERE d.token_hash = p_token_hash
        AND NOT (d.revoked_at IS NOT NULL AND (k.status = 'active' OR k.closed_at IS NULL OR d.revoked_at < k.closed_at));
  ELSE
    SELECT k.id, k.account_id, k.status INTO c FROM cards k WHERE k.number = p_number;
  END IF;
  IF c.id IS NULL THEN
    RAISE EXCEPTION 'hc:unknown-card';
  ELSIF c.status <> 'active' THEN
    RAISE EXCEPTION 'hc:card-closed';
  END IF;
  WITH t AS (
    INSERT INTO transfers (debit_account, credit_account, amount, kind, expires_on, rule_id, occurrence_id, department, staff_id)
    VALUES (p_earned, c.account_id, p_points, 'earn', p_expires, p_rule, p_occurrence, p_department, p_staff)
    RETURNING id),
  a AS (
    INSERT INTO attendance (card_id, occurrence_id, transfer_id, via, staff_id)
    SELECT c.id, p_occurrence, t.id, 'card', p_staff FROM t),
  d AS (
    INSERT INTO daily_earnings (card_id, rule_id, day, n, cap) VALUES (c.id, p_rule, p_day, 1, p_cap)
    ON CONFLICT (card_id, rule_id, day) DO UPDATE SET n = daily_earnings.n + 1, cap = EXCLUDED.cap),
  b AS (UPDATE accounts SET balance = balance + p_points WHERE id = c.account_id RETURNING balance)
  SELECT t.id, b.balance INTO tid, bal FROM t, b;
  -- The entry in the shape audit() writes (JSON.stringify of at, actor, action, subject, detail).
  INSERT INTO audit_pending (entry) VALUES (
    '{"at":' || to_json(p_at)::text || ',"actor":' || to_json(p_actor)::text
    || ',"action":"attendance.record","subject":"card:' || c.id || '","detail":{"occurrence":'
    || to_json(p_occurrence)::text || ',"transfer":' || tid || '}}');
  outcome := 'new';
  status := 201;
  response := jsonb_build_object('body', jsonb_build_object('transfer', tid, 'points', p_points, 'balance', bal));
  UPDATE idempotency i SET status = 201, response = hc_attend.response WHERE i.actor = p_actor AND i.key = p_key;
END $$;

-- A resident's redemption with their card (POST /me/redemptions) in one statement: the key, the balance (CHECK
-- balance >= 0), the per-person count (CHECK n <= lim), then the reward's stock with the transfer and the voucher
-- (the same statements, in the same lock order, as Ledger.redeem) and the stored result. The reward's row, which
-- every redemption of it queues on, is then held only for the rest of this statement and its commit, not across
-- further round trips. 'hc:no-reward' and 'hc:reward-unavailable' are answers; an error undoes all of it.
CREATE FUNCTION hc_redeem(
  p_actor text, p_key text, p_hash bytea, p_card bigint, p_account bigint, p_reward text, p_voucher text,
  p_today date, p_spent bigint, OUT outcome text, OUT status integer, OUT response jsonb)
LANGUAGE plpgsql AS $$
DECLARE
  first record;
  r record;
  bal bigint;
  tid bigint;
  until_day date;
BEGIN
  INSERT INTO idempotency (actor, key, request_hash, status, response) VALUES (p_actor, p_key, p_hash, 0, 'null')
    ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    SELECT i.request_hash, i.status, i.response INTO first FROM idempotency i WHERE i.actor = p_actor AND i.key = p_key;
    outcome := CASE WHEN first.request_hash = p_hash THEN 'replayed' ELSE 'reused' END;
    status := first.status;
    response := first.response;
    RETURN;
  END IF;
  SELECT w.id, w.cost, w.per_person_limit, w.voucher_days, w.department INTO r FROM rewards w WHERE w.id = p_reward;
  IF r.id IS NULL THEN
    RAISE EXCEPTION 'hc:no-reward';
  END IF;
  UPDATE accounts SET balance = balance - r.cost WHERE id = p_account RETURNING balance INTO bal;
  INSERT INTO redemption_counts (card_id, reward_id, n, lim) VALUES (p_card, r.id, 1, r.per_person_limit)
    ON CONFLICT (card_id, reward_id) DO UPDATE SET n = redemption_counts.n + 1, lim = EXCLUDED.lim;
  until_day := p_today + r.voucher_days;
  WITH s AS (
    UPDATE rewards SET taken = taken + 1
    WHERE id = r.id AND active AND valid_from <= p_today AND valid_to >= p_today RETURNING id),
  t AS (
    INSERT INTO transfers (debit_account, credit_account, amount, kind, reward_id, department, staff_id)
    SELECT p_account, p_spent, r.cost, 'redeem', s.id, r.department, NULL FROM s
    RETURNING id),
  v AS (
    INSERT INTO redemptions (voucher, card_id, reward_id, cost, transfer_id, valid_until)
    SELECT p_voucher, p_card, r.id, r.cost, t.id, until_day FROM t
    RETURNING id)
  SELECT t.id INTO tid FROM t, v;
  IF tid IS NULL THEN
    RAISE EXCEPTION 'hc:reward-unavailable';
  END IF;
  outcome := 'new';
  status := 201;
  response := jsonb_build_object('body', jsonb_build_object('voucher', p_voucher, 'reward', r.id, 'cost', r.cost,
    'balance', bal, 'validUntil', to_char(until_day, 'YYYY-MM-DD')));
  UPDATE idempotency i SET status = 201, response = hc_redeem.response WHERE i.actor = p_actor AND i.key = p_key;
END $$;
