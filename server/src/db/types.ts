/** The tables as Kysely sees them (server/migrations/*.sql is the source of truth). */
import type { ColumnType, Generated } from 'kysely';

type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface DB {
  catalogue_versions: {
    version: string;
    synced_at: Stamp;
    sample: boolean;
    expiry: string;
    consent_version: string;
    summary: unknown;
  };
  departments: { id: string; name: unknown; kind: string; active: Generated<boolean> };
  earning_rules: {
    id: string;
    title: unknown;
    event_type: string | null;
    activity: string | null;
    points: number;
    daily_cap: number;
    event_points: unknown;
    department: string;
    active: Generated<boolean>;
  };
  rewards: {
    id: string;
    name: unknown;
    description: unknown;
    department: string;
    cost: number;
    supplied: number;
    taken: Generated<number>;
    per_person_limit: number;
    valid_from: string;
    valid_to: string;
    collect_at: unknown;
    voucher_days: number;
    active: Generated<boolean>;
  };
  occurrences: {
    id: string;
    event_slug: string;
    event_type: string;
    title: string;
    local_date: string;
    starts_at: Stamp;
    ends_at: Stamp;
    status: string;
    secret: Buffer;
    active: Generated<boolean>;
  };
  accounts: { id: Generated<number>; kind: 'member' | 'system'; code: string | null; balance: number | null };
  staff: {
    id: Generated<number>;
    role: string;
    display_name: string;
    created_at: Generated<Date>;
    created_by: number | null;
    revoked_at: Date | null;
  };
  enrolments: {
    token_hash: Buffer;
    role: string;
    display_name: string;
    created_by: number | null;
    created_at: Generated<Date>;
    expires_at: Stamp;
    used_at: Date | null;
    staff_id: number | null;
  };
  sessions: {
    id: Generated<number>;
    token_hash: Buffer;
    staff_id: number;
    device: string;
    created_at: Generated<Date>;
    last_seen_at: Generated<Date>;
    revoked_at: Date | null;
  };
  cards: {
    id: Generated<number>;
    account_id: number;
    number: string;
    status: Generated<'active' | 'revoked' | 'deleted'>;
    display_name: string | null;
    birth_year: number | null;
    community: string | null;
    phone_enc: string | null;
    phone_hash: Buffer | null;
    consent_version: string | null;
    consent_at: Date | null;
    created_at: Generated<Date>;
    created_by: number | null;
    replaced_by: number | null;
    closed_at: Date | null;
  };
  card_devices: {
    id: Generated<number>;
    card_id: number;
    token_hash: Buffer;
    device: string | null;
    created_at: Generated<Date>;
    revoked_at: Date | null;
  };
  transfer_codes: {
    card_id: number;
    code_hash: Buffer;
    created_at: Generated<Date>;
    expires_at: Stamp;
    used_at: Date | null;
  };
  transfers: {
    id: Generated<number>;
    debit_account: number;
    credit_account: number;
    amount: number;
    kind: 'earn' | 'redeem' | 'refund' | 'correction' | 'expire' | 'move';
    reverses: number | null;
    expires_on: string | null;
    rule_id: string | null;
    occurrence_id: string | null;
    reward_id: string | null;
    department: string | null;
    staff_id: number | null;
    reason: string | null;
    created_at: Generated<Date>;
  };
  attendance: {
    card_id: number;
    occurrence_id: string;
    transfer_id: number;
    via: 'card' | 'code';
    staff_id: number | null;
    created_at: Generated<Date>;
  };
  daily_earnings: { card_id: number; rule_id: string; day: string; n: number; cap: number };
  redemptions: {
    id: Generated<number>;
    voucher: string;
    card_id: number;
    reward_id: string;
    cost: number;
    status: Generated<'issued' | 'handed' | 'cancelled'>;
    transfer_id: number;
    refund_transfer_id: number | null;
    valid_until: string;
    created_at: Generated<Date>;
    handed_at: Date | null;
    handed_by: number | null;
    cancelled_at: Date | null;
  };
  redemption_counts: { card_id: number; reward_id: string; n: number; lim: number };
  idempotency: {
    actor: string;
    key: string;
    request_hash: Buffer;
    status: number;
    response: unknown;
    created_at: Generated<Date>;
  };
  audit_log: { seq: number; entry: string; prev_hash: Buffer; hash: Buffer };
  audit_head: { id: number; seq: number; hash: Buffer };
}
