/**
 * What the volunteer's phone keeps between visits, so the page works in a hall with no signal: who is signed in
 * (to greet them offline), today's occurrences and the one chosen (for the day only), in localStorage; each
 * occurrence's code secret in IndexedDB (the service hands it out once; the code is computed from it offline).
 * Yesterday's choices and secrets are dropped when the page opens.
 */
import { openDB, type DBSchema } from 'idb';
import { localDate } from '@hc/domain/time.ts';

export interface Occurrence {
  id: string;
  title: string;
  type: string;
  startsAt: string;
  endsAt: string;
  status: string;
  points: number | null;
}

export interface StaffMe {
  role: string;
  displayName: string;
}

const KEYS = { me: 'hc:staff:me', today: 'hc:vol:today', choice: 'hc:vol:choice' } as const;

/** Today in China (the service's day). */
export const today = (): string => localDate(new Date());

function read<T>(key: string): T | undefined {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}
function write(key: string, value: unknown): void {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage full or blocked: the page still works while open */
  }
}

export const savedMe = () => read<StaffMe>(KEYS.me);
export const saveMe = (me: StaffMe | undefined) => write(KEYS.me, me && { role: me.role, displayName: me.displayName });

export function savedToday(): Occurrence[] | undefined {
  const v = read<{ date: string; occurrences: Occurrence[] }>(KEYS.today);
  return v?.date === today() ? v.occurrences : undefined;
}
export const saveToday = (date: string, occurrences: Occurrence[]) => write(KEYS.today, { date, occurrences });

export function savedChoice(): Occurrence | undefined {
  const v = read<{ date: string; occurrence: Occurrence }>(KEYS.choice);
  return v?.date === today() ? v.occurrence : undefined;
}
export const saveChoice = (o: Occurrence | undefined) => write(KEYS.choice, o && { date: today(), occurrence: o });

interface SecretSchema extends DBSchema {
  secrets: { key: string; value: { occurrence: string; secret: string; date: string } };
}
const secrets = () =>
  openDB<SecretSchema>('hc-volunteer', 1, {
    upgrade(db) {
      db.createObjectStore('secrets', { keyPath: 'occurrence' });
    },
  });

/** The stored code secret (base64url) of an occurrence, if fetched today. */
export async function savedSecret(occurrence: string): Promise<string | undefined> {
  const row = await (await secrets()).get('secrets', occurrence);
  return row?.date === today() ? row.secret : undefined;
}

export async function saveSecret(occurrence: string, secret: string): Promise<void> {
  await (await secrets()).put('secrets', { occurrence, secret, date: today() });
}

/** Drops secrets from earlier days. */
export async function forgetOldSecrets(): Promise<void> {
  const db = await secrets();
  const day = today();
  for (const row of await db.getAll('secrets')) if (row.date !== day) await db.delete('secrets', row.occurrence);
}
