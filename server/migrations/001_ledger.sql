-- 健康积分 ledger, version 1. Applied once, in a transaction, at start (server/src/db/migrate.ts).
-- The invariants are the database's: append-only transfers and audit entries (triggers), balances that never go
-- below zero (CHECK), one attendance per card per occurrence (PRIMARY KEY), per-day caps, stock and per-person
-- limits (CHECK on counters updated in the same transaction), one result per idempotency key (PRIMARY KEY).

CREATE FUNCTION hc_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused (a correction is a new entry)', TG_TABLE_NAME, TG_OP;
END $$;

-- The catalogue the service was last handed (npm run points:sync), one row per version.
CREATE TABLE catalogue_versions (
  version text PRIMARY KEY,
  synced_at timestamptz NOT NULL DEFAULT now(),
  sample boolean NOT NULL,
  expiry text NOT NULL,
  consent_version text NOT NULL,
  summary jsonb NOT NULL
);
CREATE TABLE departments (
  id text PRIMARY KEY,
  name jsonb NOT NULL,
  kind text NOT NULL,
  active boolean NOT NULL DEFAULT true
);
CREATE TABLE earning_rules (
  id text PRIMARY KEY,
  title jsonb NOT NULL,
  event_type text,
  activity text,
  points integer NOT NULL CHECK (points > 0),
  daily_cap integer NOT NULL CHECK (daily_cap > 0),
  event_points jsonb NOT NULL DEFAULT '{}',
  department text NOT NULL REFERENCES departments,
  active boolean NOT NULL DEFAULT true,
  CHECK ((event_type IS NULL) <> (activity IS NULL))
);
CREATE TABLE rewards (
  id text PRIMARY KEY,
  name jsonb NOT NULL,
  description jsonb,
  department text NOT NULL REFERENCES departments,
  cost integer NOT NULL CHECK (cost > 0),
  supplied integer NOT NULL CHECK (supplied >= 0),
  taken integer NOT NULL DEFAULT 0 CHECK (taken >= 0),
  per_person_limit integer NOT NULL CHECK (per_person_limit > 0),
  valid_from date NOT NULL,
  valid_to date NOT NULL,
  collect_at jsonb NOT NULL,
  voucher_days integer NOT NULL CHECK (voucher_days > 0),
  active boolean NOT NULL DEFAULT true,
  CONSTRAINT rewards_in_stock CHECK (taken <= supplied)
);
-- Event occurrences the service knows (from the events in content), each with its own check-in code secret.
CREATE TABLE occurrences (
  id text PRIMARY KEY,
  event_slug text NOT NULL,
  event_type text NOT NULL,
  title text NOT NULL,
  local_date date NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  status text NOT NULL,
  secret bytea NOT NULL,
  active boolean NOT NULL DEFAULT true
);
CREATE INDEX occurrences_by_date ON occurrences (local_date);

-- Accounts: one per card; system accounts (earned, spent, expired, corrections) keep no cached balance (NULL),
-- so the hot path touches only the member's row.
CREATE TABLE accounts (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('member', 'system')),
  code text UNIQUE,
  balance bigint CHECK (balance >= 0),
  CHECK ((kind = 'member') = (balance IS NOT NULL))
);
INSERT INTO accounts (kind, code) VALUES ('system', 'earned'), ('system', 'spent'), ('system', 'expired'), ('system', 'corrections');

CREATE TABLE staff (
  id bigserial PRIMARY KEY,
  role text NOT NULL CHECK (role IN ('volunteer', 'desk', 'admin', 'auditor')),
  display_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by bigint REFERENCES staff,
  revoked_at timestamptz
);
CREATE TABLE enrolments (
  token_hash bytea PRIMARY KEY,
  role text NOT NULL CHECK (role IN ('volunteer', 'desk', 'admin', 'auditor')),
  display_name text NOT NULL,
  created_by bigint REFERENCES staff,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  staff_id bigint REFERENCES staff
);
CREATE TABLE sessions (
  id bigserial PRIMARY KEY,
  token_hash bytea NOT NULL UNIQUE,
  staff_id bigint NOT NULL REFERENCES staff,
  device text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE cards (
  id bigserial PRIMARY KEY,
  account_id bigint NOT NULL UNIQUE REFERENCES accounts,
  token_hash bytea NOT NULL UNIQUE,
  number text NOT NULL UNIQUE CHECK (number ~ '^[0-9]{10}$'),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked', 'deleted')),
  display_name text,
  birth_year integer,
  community text,
  phone_enc text,
  phone_hash bytea,
  consent_version text,
  consent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by bigint REFERENCES staff,
  replaced_by bigint REFERENCES cards,
  closed_at timestamptz,
  -- A deleted card keeps nothing that points to a person.
  CHECK (status <> 'deleted' OR (display_name IS NULL AND birth_year IS NULL AND community IS NULL AND phone_enc IS NULL AND phone_hash IS NULL))
);
CREATE INDEX cards_by_phone ON cards (phone_hash) WHERE phone_hash IS NOT NULL;

CREATE TABLE transfers (
  id bigserial PRIMARY KEY,
  debit_account bigint NOT NULL REFERENCES accounts,
  credit_account bigint NOT NULL REFERENCES accounts,
  amount bigint NOT NULL CHECK (amount > 0),
  kind text NOT NULL CHECK (kind IN ('earn', 'redeem', 'refund', 'correction', 'expire', 'move')),
  -- A correction or a cancellation names the transfer it reverses; a transfer is reversed at most once.
  reverses bigint UNIQUE REFERENCES transfers,
  -- For a credit to a member: the last day this lot counts (NULL: never expires).
  expires_on date,
  rule_id text,
  occurrence_id text,
  reward_id text,
  department text,
  staff_id bigint REFERENCES staff,
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (debit_account <> credit_account),
  CHECK (kind <> 'correction' OR (staff_id IS NOT NULL AND reason IS NOT NULL))
);
CREATE INDEX transfers_by_debit ON transfers (debit_account, id);
CREATE INDEX transfers_by_credit ON transfers (credit_account, id);
CREATE TRIGGER transfers_append_only BEFORE UPDATE OR DELETE ON transfers FOR EACH ROW EXECUTE FUNCTION hc_append_only();
CREATE TRIGGER transfers_no_truncate BEFORE TRUNCATE ON transfers FOR EACH STATEMENT EXECUTE FUNCTION hc_append_only();

-- One attendance per card per occurrence.
CREATE TABLE attendance (
  card_id bigint NOT NULL REFERENCES cards,
  occurrence_id text NOT NULL REFERENCES occurrences,
  transfer_id bigint NOT NULL UNIQUE REFERENCES transfers,
  via text NOT NULL CHECK (via IN ('card', 'code')),
  staff_id bigint REFERENCES staff,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (card_id, occurrence_id)
);
-- Per-day caps: a counter per card, rule and day that may not pass the rule's cap.
CREATE TABLE daily_earnings (
  card_id bigint NOT NULL REFERENCES cards,
  rule_id text NOT NULL REFERENCES earning_rules,
  day date NOT NULL,
  n integer NOT NULL CHECK (n > 0),
  cap integer NOT NULL,
  PRIMARY KEY (card_id, rule_id, day),
  CONSTRAINT daily_cap CHECK (n <= cap)
);

CREATE TABLE redemptions (
  id bigserial PRIMARY KEY,
  voucher text NOT NULL UNIQUE,
  card_id bigint NOT NULL REFERENCES cards,
  reward_id text NOT NULL REFERENCES rewards,
  cost integer NOT NULL,
  status text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'handed', 'cancelled')),
  transfer_id bigint NOT NULL UNIQUE REFERENCES transfers,
  refund_transfer_id bigint UNIQUE REFERENCES transfers,
  valid_until date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  handed_at timestamptz,
  handed_by bigint REFERENCES staff,
  cancelled_at timestamptz,
  CHECK ((status = 'cancelled') = (refund_transfer_id IS NOT NULL))
);
CREATE TABLE redemption_counts (
  card_id bigint NOT NULL REFERENCES cards,
  reward_id text NOT NULL REFERENCES rewards,
  n integer NOT NULL CHECK (n >= 0),
  lim integer NOT NULL,
  PRIMARY KEY (card_id, reward_id),
  CONSTRAINT per_person_limit CHECK (n <= lim)
);

-- The first result of every write, by the client's key.
CREATE TABLE idempotency (
  actor text NOT NULL,
  key text NOT NULL,
  request_hash bytea NOT NULL,
  status integer NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor, key)
);

-- The audit log: append-only, each entry's hash = sha256(previous hash || seq || '|' || entry).
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  entry text NOT NULL,
  prev_hash bytea NOT NULL,
  hash bytea NOT NULL
);
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION hc_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION hc_append_only();
CREATE TABLE audit_head (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash bytea NOT NULL
);
INSERT INTO audit_head VALUES (1, 0, '\x0000000000000000000000000000000000000000000000000000000000000000');
