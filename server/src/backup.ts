/**
 * Logical backups that work the same on the embedded default and on a PostgreSQL server (no pg_dump needed):
 * every table read in one REPEATABLE READ snapshot, written as gzip'd JSON lines; restore loads them into an
 * empty ledger in one transaction, then the caller runs the consistency check.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';

/** In foreign-key order. */
export const TABLES = [
  'schema_migrations',
  'catalogue_versions',
  'departments',
  'earning_rules',
  'rewards',
  'occurrences',
  'accounts',
  'staff',
  'enrolments',
  'sessions',
  'cards',
  'card_devices',
  'transfer_codes',
  'transfers',
  'attendance',
  'daily_earnings',
  'redemptions',
  'redemption_counts',
  'idempotency',
  'audit_log',
  'audit_head',
  // Entries committed but not chained yet (the chainer runs every 200 ms): in the snapshot like the rest.
  'audit_pending',
] as const;
const FORMAT = 'hc-points-backup/1';

const encode = (row: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      Buffer.isBuffer(v) ? { $b64: v.toString('base64') } : v instanceof Date ? v.toISOString() : v,
    ]),
  );
const decode = (v: unknown) =>
  v && typeof v === 'object' && '$b64' in (v as object)
    ? Buffer.from((v as { $b64: string }).$b64, 'base64')
    : v !== null && typeof v === 'object'
      ? JSON.stringify(v)
      : v;

export async function backup(pool: pg.Pool, file: string): Promise<Record<string, number>> {
  const client = await pool.connect();
  const counts: Record<string, number> = {};
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    async function* lines() {
      yield `${JSON.stringify({ format: FORMAT, at: new Date().toISOString() })}\n`;
      for (const table of TABLES) {
        counts[table] = 0;
        // ctid order: a cheap stable order inside one snapshot; batches keep memory flat on a year's ledger.
        for (let offset = 0; ; offset += 20_000) {
          const { rows } = await client.query(`SELECT * FROM ${table} ORDER BY 1 LIMIT 20000 OFFSET ${offset}`);
          for (const row of rows) yield `${JSON.stringify({ t: table, r: encode(row) })}\n`;
          counts[table] += rows.length;
          if (rows.length < 20_000) break;
        }
      }
    }
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file, { mode: 0o600 }));
    await client.query('COMMIT');
    return counts;
  } finally {
    client.release();
  }
}

/** Loads a backup into a freshly migrated, unused ledger (refuses one with cards, transfers or audit entries). */
export async function restore(pool: pg.Pool, file: string): Promise<Record<string, number>> {
  const client = await pool.connect();
  const counts: Record<string, number> = {};
  try {
    await client.query('BEGIN');
    const used = await client.query(
      `SELECT (SELECT count(*) FROM cards) + (SELECT count(*) FROM transfers) + (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM audit_pending) + (SELECT count(*) FROM staff) AS n`,
    );
    if (Number(used.rows[0].n) > 0)
      throw new Error(
        'restore goes into an empty ledger: this one has cards, transfers, staff or audit entries (use a new POINTS_DATA_DIR or database)',
      );
    // Loading rows as they were: the append-only and foreign-key triggers are for new writes, not for a restore.
    await client.query('SET LOCAL session_replication_role = replica');
    for (const t of [...TABLES].reverse()) await client.query(`DELETE FROM ${t}`);
    const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    let first = true;
    for await (const line of rl) {
      if (!line) continue;
      const rec = JSON.parse(line);
      if (first) {
        if (rec.format !== FORMAT) throw new Error(`${file} is not a points backup (${FORMAT})`);
        first = false;
        continue;
      }
      const cols = Object.keys(rec.r);
      await client.query(
        `INSERT INTO ${rec.t} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
        cols.map((c) => decode(rec.r[c])),
      );
      counts[rec.t] = (counts[rec.t] ?? 0) + 1;
    }
    for (const t of [
      'accounts',
      'staff',
      'sessions',
      'cards',
      'card_devices',
      'transfers',
      'redemptions',
      'audit_pending',
    ])
      await client.query(
        `SELECT setval(pg_get_serial_sequence('${t}', 'id'), coalesce((SELECT max(id) FROM ${t}), 0) + 1, false)`,
      );
    // Entries that were pending in the backup join the chain now, in the same transaction.
    for (let n = 1; n > 0;)
      n = (await client.query<{ n: number }>('SELECT hc_chain_audit(5000, true) AS n')).rows[0]!.n;
    await client.query('COMMIT');
    return counts;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
