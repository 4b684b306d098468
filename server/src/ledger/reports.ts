/**
 * Aggregates for evaluating the programme: participation (distinct members who earned) by month, community,
 * event type, age band, or event type and month together; points earned and redeemed by department; public totals
 * per community. A cell counting fewer than 5 people is suppressed (null), so no report singles anyone out.
 */
import { sql } from 'kysely';
import { monthRange, type Ledger } from './ledger.ts';

export const SUPPRESS_BELOW = 5;
/** eventTypeMonth: one row per month and event type, keyed "YYYY-MM/eventType" (activities as "(activity)"). */
export const PARTICIPATION_DIMENSIONS = ['month', 'community', 'eventType', 'ageBand', 'eventTypeMonth'] as const;
export type Dimension = (typeof PARTICIPATION_DIMENSIONS)[number];

const suppress = (people: number, value: number) => (people < SUPPRESS_BELOW ? null : value);

export async function participation(ledger: Ledger, by: Dimension) {
  const year = Number(ledger.today().slice(0, 4));
  const key = {
    month: sql<string>`to_char(t.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`,
    community: sql<string>`coalesce(c.community, '(unknown)')`,
    eventType: sql<string>`coalesce(o.event_type, '(activity)')`,
    eventTypeMonth: sql<string>`to_char(t.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') || '/' || coalesce(o.event_type, '(activity)')`,
    ageBand: sql<string>`CASE WHEN c.birth_year IS NULL THEN '(unknown)' WHEN ${year} - c.birth_year < 40 THEN '14-39' WHEN ${year} - c.birth_year < 60 THEN '40-59' WHEN ${year} - c.birth_year < 75 THEN '60-74' ELSE '75+' END`,
  }[by];
  const rows = await sql<{ key: string; people: number; earnings: number; points: number }>`
    SELECT ${key} AS key, count(DISTINCT c.id)::int AS people, count(*)::int AS earnings, sum(t.amount)::bigint AS points
    FROM transfers t JOIN cards c ON c.account_id = t.credit_account LEFT JOIN occurrences o ON o.id = t.occurrence_id
    WHERE t.kind = 'earn' GROUP BY 1 ORDER BY 1`.execute(ledger.db);
  return rows.rows.map((r) => ({
    key: r.key,
    participants: suppress(r.people, r.people),
    earnings: suppress(r.people, r.earnings),
    points: suppress(r.people, r.points),
    suppressed: r.people < SUPPRESS_BELOW,
  }));
}

export async function departments(ledger: Ledger) {
  const rows = await sql<{ department: string; earned: number; earners: number; redeemed: number; redeemers: number }>`
    SELECT d.id AS department,
      coalesce(sum(t.amount) FILTER (WHERE t.kind = 'earn'), 0)::bigint AS earned,
      count(DISTINCT t.credit_account) FILTER (WHERE t.kind = 'earn')::int AS earners,
      coalesce(sum(t.amount) FILTER (WHERE t.kind = 'redeem'), 0)::bigint - coalesce(sum(t.amount) FILTER (WHERE t.kind = 'refund'), 0)::bigint AS redeemed,
      count(DISTINCT t.debit_account) FILTER (WHERE t.kind = 'redeem')::int AS redeemers
    FROM departments d LEFT JOIN transfers t ON t.department = d.id OR (t.kind = 'refund' AND t.reward_id IN (SELECT id FROM rewards WHERE department = d.id))
    GROUP BY d.id ORDER BY d.id`.execute(ledger.db);
  return rows.rows.map((r) => ({
    department: r.department,
    earned: suppress(r.earners, r.earned),
    redeemed: suppress(r.redeemers, r.redeemed),
    suppressed: r.earners < SUPPRESS_BELOW || r.redeemers < SUPPRESS_BELOW,
  }));
}

/**
 * Public: members and points per community (no one below the threshold shown), and this month's attendances
 * (人次) and distinct people, both null under the threshold. One query: the page may ask on every visit.
 */
export async function communityTotals(ledger: Ledger) {
  const [first, next] = monthRange(ledger.today());
  const r = await sql<{
    communities: Array<{ community: string; members: number; participants: number; earned: number }> | null;
    participations: number;
    people: number;
  }>`
    WITH e AS (SELECT credit_account AS account, sum(amount) AS s FROM transfers WHERE kind = 'earn' GROUP BY 1),
    t AS (
      SELECT coalesce(c.community, '(unknown)') AS community, count(*)::int AS members,
        count(e.account)::int AS participants, coalesce(sum(e.s), 0)::bigint AS earned
      FROM cards c LEFT JOIN e ON e.account = c.account_id WHERE c.status = 'active' GROUP BY 1),
    m AS (
      SELECT count(*)::int AS participations, count(DISTINCT a.card_id)::int AS people
      FROM occurrences o JOIN attendance a ON a.occurrence_id = o.id
      WHERE o.local_date >= ${first} AND o.local_date < ${next})
    SELECT (SELECT json_agg(t ORDER BY t.community) FROM t) AS communities, m.participations, m.people FROM m`.execute(
    ledger.db,
  );
  const row = r.rows[0]!;
  return {
    communities: (row.communities ?? [])
      .filter((c) => c.members >= SUPPRESS_BELOW)
      .map((c) => ({
        community: c.community,
        members: c.members,
        participants: suppress(c.participants, c.participants),
        pointsEarned: suppress(c.participants, Number(c.earned)),
      })),
    month: {
      month: first.slice(0, 7),
      participations: suppress(row.people, row.participations),
      people: suppress(row.people, row.people),
    },
  };
}

export function toCsv(rows: Array<Record<string, unknown>>): string {
  if (!rows.length) return '';
  const cols = Object.keys(rows[0]!);
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    // Quote always; a leading = + - @ would run as a formula in a spreadsheet, so it gets a ' first.
    return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
  };
  return [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
