-- 健康积分 ledger, version 3: a card on more than one device, one-time transfer codes, and a cheap count of this
-- month's attendances.
--
-- A resident may hold the same card in the phone's browser and in WeChat's (which keeps its storage apart), so a
-- card has device tokens: each stored only as its SHA-256, revocable one at a time ("forget this card on this
-- phone") while the others keep working. The token hash that was on the card becomes its first device.

CREATE TABLE card_devices (
  id bigserial PRIMARY KEY,
  card_id bigint NOT NULL REFERENCES cards,
  token_hash bytea NOT NULL UNIQUE,
  -- A short label the resident's page sends ("微信"), nothing that identifies the phone.
  device text CHECK (length(device) <= 40),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX card_devices_by_card ON card_devices (card_id);
INSERT INTO card_devices (card_id, token_hash, created_at, revoked_at)
  SELECT id, token_hash, created_at, CASE WHEN status = 'active' THEN NULL ELSE coalesce(closed_at, now()) END FROM cards;
ALTER TABLE cards DROP COLUMN token_hash;

-- One live transfer code per card (issuing another replaces it). An 8-digit code has only 10^8 values, so it is
-- stored as a keyed hash (HMAC with the personal-data key), not a bare SHA-256 that a copy of the database could
-- reverse by trying them all. Used at most once: the claim is one compare-and-set on used_at.
CREATE TABLE transfer_codes (
  card_id bigint PRIMARY KEY REFERENCES cards,
  code_hash bytea NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- This month's attendances (public totals, a resident's own count) go from occurrences by date to attendance.
CREATE INDEX attendance_by_occurrence ON attendance (occurrence_id);
