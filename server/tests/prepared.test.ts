/**
 * The service's connections prepare each statement shape once (db/engine.ts, statementName): a request's
 * queries are named prepared statements on their connection; transaction control, DDL and statements sent with a
 * callback stay unnamed; the number of shapes is bounded.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { localDate } from '@hc/domain/time.ts';
import { statementName } from '../src/db/engine.ts';
import { ENGINES, useFixture } from './helpers.ts';

describe.each(ENGINES)('prepared statements on $name', (engine) => {
  const f = useFixture(engine);

  it('a check-in and a balance look-up leave their statements prepared on the connections', async () => {
    const c = await f.card();
    const occurrence = `talk-0/${localDate(f.now.value)}T09:00`;
    expect(
      (
        await f.call('POST', '/api/v1/attendance', {
          as: 'volunteer',
          body: { occurrence, card: { number: c.number } },
        })
      ).status,
    ).toBe(201);
    expect((await f.call('GET', '/api/v1/me', { as: { card: c.token } })).status).toBe(200);
    // Every connection of the pool, one after another: the statements any of them prepared.
    const seen = new Set<string>();
    await Promise.all(
      Array.from({ length: 5 }, () =>
        f.db.db.connection().execute(async (conn) => {
          const r = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(conn);
          for (const row of r.rows) seen.add(row.statement);
        }),
      ),
    );
    expect([...seen].some((s) => s.includes('hc_attend('))).toBe(true);
    // Answers are the same as unprepared: the same request twice gives the same balance.
    const again = (await (await f.call('GET', '/api/v1/me', { as: { card: c.token } })).json()) as { balance: number };
    expect(again.balance).toBe(10);
  });
});

// Last: the bound test fills the shapes of this process.
describe('statement shapes', () => {
  it('names queries by their text, the same name for the same text, and nothing else', () => {
    const a = statementName('select "id" from "cards" where "number" = $1');
    expect(a).toMatch(/^hc_\d+$/);
    expect(statementName('select "id" from "cards" where "number" = $1')).toBe(a);
    expect(statementName('SELECT * FROM hc_attend($1)')).not.toBe(a);
    for (const t of ['begin', 'commit', 'rollback', 'savepoint x', 'CREATE TABLE t (x int)', 'VACUUM'])
      expect(statementName(t), t).toBeUndefined();
  });
  it('names at most 1,000 shapes; further ones run unnamed', () => {
    const names = Array.from({ length: 1_200 }, (_, i) => statementName(`select ${i} as n where $1::int > 0`));
    expect(new Set(names.filter(Boolean)).size).toBeLessThanOrEqual(1_000);
    expect(names.at(-1)).toBeUndefined();
  });
});
