/**
 * Writes that wait for the service: a check-in scanned in a hall with no signal is stored in IndexedDB (through
 * `idb`) with its idempotency key before the screen says ✓, and sent on reconnect, when the page opens, or from
 * a button. Because every entry keeps the key it was made with, sending one twice (a tab closed mid-send, two
 * tabs flushing at once, a lost answer) writes once: the service replays the first result.
 *
 * An entry leaves the outbox when the service has answered it: done, or refused for good (already checked in,
 * unknown card…), which is kept in `settled` so the screen can say so. "Not reached", "busy" (429, 5xx) and "not
 * signed in" (401: a staff session ended while the phone was offline; the records wait for the next sign-in)
 * leave it waiting; `stoppedBy` says which stopped the last run.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { api, ApiProblem } from './client.ts';

export interface OutboxEntry {
  /** The idempotency key: also the entry's id. */
  key: string;
  path: string;
  body: unknown;
  /** A resident's card token for /me/ writes; staff writes go with the session cookie. */
  token?: string;
  /** When it was made (ms since the epoch), for the list and to keep the order. */
  at: number;
  /** What the person sees in the list, e.g. the card number. */
  label: string;
}

export interface Settled extends OutboxEntry {
  ok: boolean;
  /** The service's answer (ok) or its problem's title (refused). */
  result: unknown;
  code?: string;
  settledAt: number;
}

interface Schema extends DBSchema {
  pending: { key: string; value: OutboxEntry; indexes: { at: number } };
  settled: { key: string; value: Settled; indexes: { settledAt: number } };
}

const KEEP_SETTLED = 200;

export class Outbox {
  private db: Promise<IDBPDatabase<Schema>>;
  private running: Promise<Settled[]> | undefined;
  private queued: Promise<Settled[]> | undefined;
  /** What stopped the last run before the end (not reached, busy, signed out), or undefined if it got through. */
  stoppedBy: ApiProblem | undefined;

  /**
   * @param name the IndexedDB database is `hc-outbox-<name>`
   * @param timeoutMs how long one send may wait for an answer before it counts as "not reached" (a weak signal
   *   can hold a request open for minutes, and the entries behind it would wait too)
   */
  constructor(
    name: string,
    private readonly timeoutMs = 15_000,
  ) {
    this.db = openDB<Schema>(`hc-outbox-${name}`, 1, {
      upgrade(db) {
        db.createObjectStore('pending', { keyPath: 'key' }).createIndex('at', 'at');
        db.createObjectStore('settled', { keyPath: 'key' }).createIndex('settledAt', 'settledAt');
      },
    });
  }

  async add(entry: Omit<OutboxEntry, 'at'> & { at?: number }): Promise<void> {
    await (await this.db).put('pending', { ...entry, at: entry.at ?? Date.now() });
  }

  async pending(): Promise<OutboxEntry[]> {
    return (await this.db).getAllFromIndex('pending', 'at');
  }

  async count(): Promise<number> {
    return (await this.db).count('pending');
  }

  /** Where one entry stands: still waiting, settled (with the answer), or unknown (pruned or never added). */
  async status(
    key: string,
  ): Promise<{ state: 'pending' } | { state: 'settled'; settled: Settled } | { state: 'unknown' }> {
    const db = await this.db;
    if (await db.getKey('pending', key)) return { state: 'pending' };
    const settled = await db.get('settled', key);
    return settled ? { state: 'settled', settled } : { state: 'unknown' };
  }

  /** Drops every pending entry made with `token` (a resident's card that this phone no longer holds). */
  async dropFor(token: string): Promise<void> {
    const db = await this.db;
    const tx = db.transaction('pending', 'readwrite');
    for (const e of await tx.store.getAll()) if (e.token === token) await tx.store.delete(e.key);
    await tx.done;
  }

  /** Settled entries, latest first. */
  async settled(limit = 50): Promise<Settled[]> {
    const all = await (await this.db).getAllFromIndex('settled', 'settledAt');
    return all.reverse().slice(0, limit);
  }

  /**
   * Sends what is pending, oldest first; stops at the first "not reached" (no point trying the rest). Resolves
   * with what settled in the run it joined. A call made while a run is going waits for it and then for one more
   * run (shared by every call made meanwhile), so an entry added after a run read the list is still sent.
   */
  flush(lang?: string): Promise<Settled[]> {
    if (!this.running) {
      this.running = this.run(lang).finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => [])
      .then(() => {
        this.queued = undefined;
        return this.flush(lang);
      });
    return this.queued;
  }

  private async run(lang?: string): Promise<Settled[]> {
    const done: Settled[] = [];
    this.stoppedBy = undefined;
    for (const entry of await this.pending()) {
      let settled: Settled;
      try {
        const result = await api(entry.path, {
          body: entry.body,
          key: entry.key,
          token: entry.token,
          lang,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        settled = { ...entry, ok: true, result, settledAt: Date.now() };
      } catch (e) {
        if (!(e instanceof ApiProblem)) throw e;
        if (e.offline || e.status === 401 || e.status === 429 || e.status >= 500) {
          this.stoppedBy = e;
          break;
        }
        settled = { ...entry, ok: false, result: e.title, code: e.code, settledAt: Date.now() };
      }
      const db = await this.db;
      const tx = db.transaction(['pending', 'settled'], 'readwrite');
      await Promise.all([tx.objectStore('pending').delete(entry.key), tx.objectStore('settled').put(settled), tx.done]);
      done.push(settled);
    }
    await this.prune();
    return done;
  }

  private async prune(): Promise<void> {
    const db = await this.db;
    const n = await db.count('settled');
    if (n <= KEEP_SETTLED) return;
    const tx = db.transaction('settled', 'readwrite');
    let cursor = await tx.store.index('settledAt').openCursor();
    for (let i = 0; cursor && i < n - KEEP_SETTLED; i++) {
      await cursor.delete();
      cursor = await cursor.continue();
    }
    await tx.done;
  }
}
