/**
 * Staff: enrolment by a one-time link an admin issues (its token stored hashed, valid 24 h, used once), then a
 * server-side session per device (random id in an HttpOnly cookie, stored hashed, idle timeout, revocable).
 * No passwords anywhere.
 */
import { sql } from 'kysely';
import { randomToken, sha256 } from '../crypto.ts';
import { ApiError, T } from '../http/problem.ts';
import { audit } from './audit.ts';
import type { Ledger, Role, Staff, Trx } from './ledger.ts';

export const ENROLMENT_HOURS = 24;

export async function issueEnrolment(ledger: Ledger, trx: Trx, input: { role: Role; displayName: string }, by?: Staff) {
  const token = randomToken();
  const expiresAt = new Date(ledger.now().getTime() + ENROLMENT_HOURS * 3600_000);
  await trx
    .insertInto('enrolments')
    .values({
      token_hash: sha256(token),
      role: input.role,
      display_name: input.displayName,
      created_by: by?.id ?? null,
      expires_at: expiresAt,
    })
    .execute();
  await audit(
    trx,
    { actor: by ? `staff:${by.id}` : 'cli', action: 'staff.enrolment.issue', detail: { role: input.role } },
    ledger.now(),
  );
  return { token, link: `/staff/enrol/#${token}`, role: input.role, expiresAt: expiresAt.toISOString() };
}

/** Uses a one-time enrolment token: creates the staff member and their first session. */
export async function redeemEnrolment(ledger: Ledger, trx: Trx, token: string, device: string) {
  const e = await trx
    .updateTable('enrolments')
    .set({ used_at: ledger.now() })
    .where('token_hash', '=', sha256(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', ledger.now())
    .returning(['role', 'display_name', 'created_by'])
    .executeTakeFirst();
  if (!e) throw new ApiError('enrolment-invalid');
  const staff = await trx
    .insertInto('staff')
    .values({ role: e.role, display_name: e.display_name, created_by: e.created_by })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('enrolments').set({ staff_id: staff.id }).where('token_hash', '=', sha256(token)).execute();
  const session = await newSession(ledger, trx, staff.id, device);
  await audit(
    trx,
    { actor: `staff:${staff.id}`, action: 'staff.enrol', detail: { role: e.role, device } },
    ledger.now(),
  );
  return { staff: { id: staff.id, role: e.role as Role, displayName: e.display_name }, ...session };
}

async function newSession(ledger: Ledger, trx: Trx, staffId: number, device: string) {
  const token = randomToken();
  const s = await trx
    .insertInto('sessions')
    .values({
      token_hash: sha256(token),
      staff_id: staffId,
      device,
      created_at: ledger.now(),
      last_seen_at: ledger.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { sessionToken: token, sessionId: s.id };
}

/**
 * How long a looked-up session is reused in this process without asking the database again. A revocation made
 * through this process takes effect at once (it empties the cache); one made through another instance, or
 * directly in the database, takes effect within this bound. The idle timeout is still checked on every request.
 */
export const SESSION_CACHE_MS = 5000;

/** The staff member behind a session cookie, or undefined (unknown, revoked, idle too long, staff revoked). */
/**
 * Minutes without a request after which a session ends, by role. A volunteer's phone spends an event offline in a
 * hall with no signal, recording check-ins to upload afterwards: after 30 minutes it could not upload them without a
 * new enrolment link from an admin. A volunteer can only record attendance (capped per card and day), so their
 * session lasts a working day; the desk's, the admin's and the auditor's, which reach balances, personal details
 * and reports, end after 30 minutes. Any session is revocable per device at once.
 */
export const IDLE_MINUTES: Readonly<Record<Role, number>> = { volunteer: 12 * 60, desk: 30, admin: 30, auditor: 30 };

export async function sessionStaff(
  ledger: Ledger,
  token: string,
  idleMinutes: Readonly<Record<Role, number>> = IDLE_MINUTES,
  /** false: only say whose session it is (a refused request must not keep an idle session alive). */
  touch = true,
): Promise<Staff | undefined> {
  const now = ledger.now();
  const hash = sha256(token);
  const key = hash.toString('base64');
  let row = ledger.sessions.get(key);
  if (!row || Date.now() - row.fetchedAt > SESSION_CACHE_MS) {
    const fresh = await ledger.db
      .selectFrom('sessions')
      .innerJoin('staff', 'staff.id', 'sessions.staff_id')
      .select(['sessions.id as sessionId', 'sessions.last_seen_at', 'staff.id', 'staff.role', 'staff.display_name'])
      .where('sessions.token_hash', '=', hash)
      .where('sessions.revoked_at', 'is', null)
      .where('staff.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!fresh) {
      ledger.sessions.delete(key);
      return undefined;
    }
    row = {
      fetchedAt: Date.now(),
      lastSeen: new Date(fresh.last_seen_at).getTime(),
      staff: { id: fresh.id, role: fresh.role as Role, displayName: fresh.display_name, sessionId: fresh.sessionId },
    };
    if (ledger.sessions.size > 10_000) ledger.sessions.clear();
    ledger.sessions.set(key, row);
  }
  const idle = now.getTime() - row.lastSeen;
  if (idle > idleMinutes[row.staff.role] * 60_000) return undefined;
  // Touch at most once a minute: a busy volunteer's scans do not each write the session row.
  if (touch && idle > 60_000) {
    await ledger.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', row.staff.sessionId).execute();
    row.lastSeen = now.getTime();
  }
  return { ...row.staff };
}

export async function listSessions(ledger: Ledger, staffId: number) {
  const rows = await ledger.db
    .selectFrom('sessions')
    .select(['id', 'device', 'created_at', 'last_seen_at', 'revoked_at'])
    .where('staff_id', '=', staffId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    device: r.device,
    createdAt: new Date(r.created_at).toISOString(),
    lastSeenAt: new Date(r.last_seen_at).toISOString(),
    revoked: r.revoked_at !== null,
  }));
}

export async function revokeSession(ledger: Ledger, trx: Trx, staff: Staff, sessionId: number) {
  const r = await trx
    .updateTable('sessions')
    .set({ revoked_at: ledger.now() })
    .where('id', '=', sessionId)
    .where((eb) => (staff.role === 'admin' ? eb.val(true) : eb('staff_id', '=', staff.id)))
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!r)
    throw new ApiError('not-found', {
      detail: T('没有这个有效的登录设备', '沒有這個有效的登入裝置', 'no such active session'),
    });
  ledger.sessions.clear();
  await audit(
    trx,
    { actor: `staff:${staff.id}`, action: 'staff.session.revoke', subject: `session:${sessionId}` },
    ledger.now(),
  );
  return { revoked: sessionId };
}

export async function revokeStaff(ledger: Ledger, trx: Trx, admin: Staff, staffId: number) {
  const r = await trx
    .updateTable('staff')
    .set({ revoked_at: ledger.now() })
    .where('id', '=', staffId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!r)
    throw new ApiError('not-found', {
      detail: T('没有这位在职的工作人员', '沒有這位在職的工作人員', 'no such active staff member'),
    });
  ledger.sessions.clear();
  await trx
    .updateTable('sessions')
    .set({ revoked_at: ledger.now() })
    .where('staff_id', '=', staffId)
    .where('revoked_at', 'is', null)
    .execute();
  await audit(trx, { actor: `staff:${admin.id}`, action: 'staff.revoke', subject: `staff:${staffId}` }, ledger.now());
  return { revoked: staffId };
}

export async function listStaff(ledger: Ledger) {
  const rows = await ledger.db
    .selectFrom('staff')
    .select([
      'id',
      'role',
      'display_name',
      'created_at',
      'revoked_at',
      sql<number>`(SELECT count(*) FROM sessions s WHERE s.staff_id = staff.id AND s.revoked_at IS NULL)::int`.as(
        'sessions',
      ),
    ])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    role: r.role as Role,
    displayName: r.display_name,
    createdAt: new Date(r.created_at).toISOString(),
    revoked: r.revoked_at !== null,
    activeSessions: r.sessions,
  }));
}
