/**
 * The evaluation reports: participation by event type and month together (the staff evaluation page's
 * attendance chart), with every cell under 5 people suppressed (null, never 0), as JSON and as CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '@hc/domain/time.ts';
import { ENGINES, fixture, newKey, type Fixture } from './helpers.ts';

describe.each(ENGINES)('participation by event type and month on $name', (engine) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(engine);
    const today = localDate(f.now.value);
    const attend = async (occurrence: string, number: string) => {
      const r = await f.call('POST', '/api/v1/attendance', {
        as: 'volunteer',
        key: newKey(),
        body: { occurrence, card: { number } },
      });
      expect(r.status, await r.text()).toBe(201);
    };
    // Six people at a lecture, two at an exercise class, one volunteering.
    for (let i = 0; i < 6; i++) await attend(`talk-0/${today}T09:00`, (await f.card()).number);
    for (let i = 0; i < 2; i++) await attend(`taiji-a/${today}T07:00`, (await f.card()).number);
    const v = await f.call('POST', '/api/v1/activities', {
      as: 'desk',
      key: newKey(),
      body: { rule: 'volunteering', card: { number: (await f.card()).number } },
    });
    expect(v.status, await v.text()).toBe(201);
  });
  afterAll(() => f.close());

  it('keys each row by month and event type, and suppresses cells under 5 people', async () => {
    const month = localDate(f.now.value).slice(0, 7);
    const r = await f.call('GET', '/api/v1/reports/participation?by=eventTypeMonth', { as: 'auditor' });
    expect(r.status).toBe(200);
    const { by, rows } = (await r.json()) as { by: string; rows: Array<Record<string, unknown>> };
    expect(by).toBe('eventTypeMonth');
    expect(rows).toEqual([
      { key: `${month}/(activity)`, participants: null, earnings: null, points: null, suppressed: true },
      { key: `${month}/exercise`, participants: null, earnings: null, points: null, suppressed: true },
      { key: `${month}/lecture`, participants: 6, earnings: 6, points: 60, suppressed: false },
    ]);
  });

  it('exports the same rows as CSV, logged in the audit', async () => {
    const month = localDate(f.now.value).slice(0, 7);
    const r = await f.call('GET', '/api/v1/reports/participation.csv?by=eventTypeMonth', { as: 'admin' });
    expect(r.status).toBe(200);
    const lines = (await r.text()).trim().split('\r\n');
    expect(lines[0]).toBe('key,participants,earnings,points,suppressed');
    expect(lines).toContain(`"${month}/lecture","6","6","60","false"`);
    expect(lines).toContain(`"${month}/exercise","","","","true"`);
    await f.ledger.chainAudit(); // entries reach audit_log through the chainer
    const log = await f.ledger.db.selectFrom('audit_log').select('entry').execute();
    expect(log.some((e) => e.entry.includes('participation.csv?by=eventTypeMonth'))).toBe(true);
  });
});
