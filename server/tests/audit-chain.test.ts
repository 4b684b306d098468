/**
 * The audit chainer, on both engines: writes only insert pending entries; chainers (the service's loop, tools,
 * several at once) move each into the chain exactly once, in pending-id order; a crash before or during chaining
 * loses nothing; points:verify reports an entry left pending for over a minute.
 */
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { audit, AuditChainer, chainAudit, verifyAuditChain } from '../src/ledger/audit.ts';
import { verifyLedger } from '../src/ledger/verify.ts';
import { ENGINES, useFixture } from './helpers.ts';

describe.each(ENGINES)('audit chainer on $name', (engine) => {
  // The fixture's own audit entries chained first, so each test starts from a chain with nothing pending.
  const f = useFixture(engine, async (opened) => {
    await opened.ledger.chainAudit();
  });

  const write = (tag: string, n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        f.ledger.tx((trx) => audit(trx, { actor: 'test', action: 'test.entry', subject: `${tag}:${i}` })),
      ),
    );
  const chained = async (tag: string) =>
    (
      await f.db.pool.query<{ subject: string; n: number }>(
        `SELECT entry::jsonb->>'subject' AS subject, count(*)::int AS n FROM audit_log
         WHERE entry::jsonb->>'subject' LIKE $1 GROUP BY 1`,
        [`${tag}:%`],
      )
    ).rows;
  const pending = async () => Number((await f.db.pool.query('SELECT count(*) AS n FROM audit_pending')).rows[0].n);

  it('a write leaves its entry pending; a flush chains it with the same hash as before', async () => {
    const seq = Number((await f.db.pool.query('SELECT seq FROM audit_head')).rows[0].seq);
    await write('one', 1);
    expect(await pending()).toBe(1);
    expect(await chainAudit(f.db.db, { wait: true })).toBe(1);
    expect(await pending()).toBe(0);
    const row = (await f.db.pool.query('SELECT * FROM audit_log WHERE seq = $1', [seq + 1])).rows[0];
    const { createHash } = await import('node:crypto');
    expect(
      createHash('sha256').update(row.prev_hash).update(`${row.seq}|${row.entry}`, 'utf8').digest().equals(row.hash),
    ).toBe(true);
    expect((await verifyAuditChain(f.db.db)).brokenAt).toBeUndefined();
  });

  it('two chainers at once, and tools flushing beside them, while writes go on: each entry chained once', async () => {
    const a = new AuditChainer(f.db.db, 5);
    const b = new AuditChainer(f.db.db, 5);
    a.start();
    b.start();
    // Small batches from several connections at once, waiting on the advisory lock, among the loops.
    const flushers = Array.from({ length: 4 }, async () => {
      for (let i = 0; i < 10; i++) await chainAudit(f.db.db, { wait: true, batch: 7 });
    });
    await Promise.all([write('two', 400), ...flushers]);
    await Promise.all([a.stop(), b.stop()]);
    await f.ledger.chainAudit();
    const rows = await chained('two');
    expect(rows).toHaveLength(400);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(await pending()).toBe(0);
    expect((await verifyAuditChain(f.db.db)).brokenAt).toBeUndefined();
  });

  it('entries are chained in pending-id order', async () => {
    await write('order', 50);
    const ids = (
      await f.db.pool.query<{ subject: string }>(
        `SELECT entry::jsonb->>'subject' AS subject FROM audit_pending ORDER BY id`,
      )
    ).rows.map((r) => r.subject);
    await f.ledger.chainAudit();
    const seqs = (
      await f.db.pool.query<{ subject: string }>(
        `SELECT entry::jsonb->>'subject' AS subject FROM audit_log WHERE entry::jsonb->>'subject' LIKE 'order:%' ORDER BY seq`,
      )
    ).rows.map((r) => r.subject);
    expect(seqs).toEqual(ids);
  });

  it('a crash between insert and chaining, or in the middle of a batch, loses nothing', async () => {
    await write('crash', 100);
    // The service that wrote them is gone (this ledger never chained them); a chainer's connection dies mid-batch.
    const victim = new pg.Client({ connectionString: f.db.url });
    await victim.connect();
    victim.on('error', () => undefined);
    await victim.query('BEGIN');
    expect((await victim.query('SELECT hc_chain_audit(5000, true) AS n')).rows[0].n).toBeGreaterThanOrEqual(100);
    const pid = (await victim.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    await f.db.pool.query('SELECT pg_terminate_backend($1)', [pid]);
    await victim.end().catch(() => undefined);
    expect(await pending()).toBeGreaterThanOrEqual(100); // the batch never committed
    expect((await chained('crash')).length).toBe(0);
    // The next chainer (a restarted service, points:verify) takes them all, once each.
    await f.ledger.chainAudit();
    const rows = await chained('crash');
    expect(rows).toHaveLength(100);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect((await verifyAuditChain(f.db.db)).brokenAt).toBeUndefined();
  });

  it("the service's chainer takes a lone write at once when idle, without waiting for its interval", async () => {
    const c = new AuditChainer(f.db.db, 60_000);
    const notified = vi.spyOn(f.ledger.auditChainer, 'notify');
    c.start();
    try {
      await new Promise((r) => setTimeout(r, 300)); // its first run finds nothing: idle
      await write('lone', 1);
      expect(notified).toHaveBeenCalledTimes(1); // a committed transaction notifies its ledger's chainer
      c.notify();
      const until = Date.now() + 10_000;
      while ((await chained('lone')).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(await chained('lone')).toEqual([{ subject: 'lone:0', n: 1 }]);
    } finally {
      notified.mockRestore();
      await c.stop();
    }
  });

  it('points:verify reports an entry left unchained for over a minute, then chains it', async () => {
    await f.db.pool.query(`INSERT INTO audit_pending (entry, written_at) VALUES ($1, now() - interval '2 minutes')`, [
      JSON.stringify({
        at: new Date().toISOString(),
        actor: 'test',
        action: 'test.entry',
        subject: 'stale:0',
        detail: {},
      }),
    ]);
    const r = await verifyLedger(f.db.db);
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/1 audit entries waited more than a minute to be chained/);
    expect(await chained('stale')).toEqual([{ subject: 'stale:0', n: 1 }]);
    expect((await verifyLedger(f.db.db)).ok).toBe(true);
  });

  it('audit_log stays append-only for the chainer too', async () => {
    await expect(f.db.pool.query('UPDATE audit_log SET entry = entry')).rejects.toThrow(/append-only/);
    await expect(f.db.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });
});
