/**
 * The admin page's behaviour (Admin.astro): staff and sessions (GET /admin/staff, GET /staff/sessions) with
 * revoke buttons, enrolment links as text and QR (POST /admin/enrolments; the link is made here from the page's
 * origin), the catalogue version (GET /health) and the audit log (GET /audit, 50 a page). Auditors see the
 * audit log only.
 */
import QRCode from 'qrcode';
import { api, idempotencyKey } from '../../../lib/points/client.ts';
import { checkAccess, el, formatTime, problemText, type StaffMe } from '../access.ts';
import { fill, S } from '../admin-desk-strings.ts';

interface StaffRow {
  id: number;
  role: string;
  displayName: string;
  createdAt: string;
  revoked: boolean;
  activeSessions: number;
  /** Per-device sessions, when the service lists them. */
  sessions?: Array<{ id: number; device?: string | null; lastSeenAt?: string | null }>;
}
interface Session {
  id: number;
  device?: string | null;
  createdAt?: string;
  lastSeenAt?: string | null;
  current?: boolean;
}
interface AuditEntry {
  seq: number;
  at?: string;
  actor?: string;
  action?: string;
  subject?: string | null;
  detail?: unknown;
}
const PAGE = 50;

const th = (text: string, cls?: string) => el('th', { scope: 'col', class: cls }, text);

export function initAdmin(root: HTMLElement | null = document.querySelector('[data-admin]')) {
  if (!root) return;
  const $ = <T extends HTMLElement = HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  let me: StaffMe | undefined;

  void checkAccess(root, ['admin', 'auditor']).then((who) => {
    if (!who) return;
    me = who;
    $('[data-tools]').hidden = false;
    const admin = who.role === 'admin';
    for (const n of root.querySelectorAll<HTMLElement>('[data-admin-only]')) n.hidden = !admin;
    if (admin) void Promise.all([loadStaff(), loadSessions(), loadCatalogue()]);
    void loadAudit(0);
  });

  // ---- staff and devices ----
  async function loadStaff() {
    const box = $('[data-staff]');
    try {
      const { staff } = await api<{ staff: StaffRow[] }>('/admin/staff', { offlineTitle: S.access.offline });
      box.replaceChildren(
        el(
          'table',
          { class: 'staff-table' },
          el('caption', {}, S.admin.staffCaption),
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              th(S.admin.colName),
              th(S.admin.colRole),
              th(S.admin.colSince),
              th(S.admin.colSessions, 'num'),
              th(S.admin.colStatus),
              th(S.admin.colAction),
            ),
          ),
          el(
            'tbody',
            {},
            ...staff.map((s) =>
              el(
                'tr',
                {},
                el('td', {}, s.displayName),
                el('td', {}, S.roles[s.role] ?? s.role),
                el('td', { class: 'nowrap' }, formatTime(s.createdAt, false)),
                el(
                  'td',
                  { class: 'num' },
                  fill(S.admin.sessionsN, { n: s.activeSessions }),
                  ...(s.sessions ?? []).map((d) =>
                    el(
                      'div',
                      {},
                      el(
                        'button',
                        {
                          type: 'button',
                          class: 'button secondary small',
                          'data-session': d.id,
                          'aria-label': `${S.admin.signOut}：${s.displayName} ${d.device ?? d.id}`,
                        },
                        `${S.admin.signOut}（${d.device ?? d.id}）`,
                      ),
                    ),
                  ),
                ),
                el('td', {}, s.revoked ? S.admin.revoked : S.admin.active),
                el(
                  'td',
                  {},
                  !s.revoked &&
                    s.id !== me?.id &&
                    el(
                      'button',
                      {
                        type: 'button',
                        class: 'button secondary small',
                        'data-revoke-staff': s.id,
                        'data-name': s.displayName,
                        'aria-label': `${S.admin.revokeStaff}：${s.displayName}`,
                      },
                      S.admin.revokeStaff,
                    ),
                ),
              ),
            ),
          ),
        ),
      );
    } catch (e) {
      $('[data-staff-error]').textContent = `${S.admin.refused}${problemText(e)}`;
    }
  }

  async function loadSessions() {
    const box = $('[data-sessions]');
    try {
      const { sessions } = await api<{ sessions: Session[] }>('/staff/sessions', { offlineTitle: S.access.offline });
      box.replaceChildren(
        el(
          'table',
          { class: 'staff-table' },
          el('caption', {}, S.admin.mySessionsCaption),
          el('thead', {}, el('tr', {}, th(S.admin.colDevice), th(S.admin.colLastSeen), th(S.admin.colAction))),
          el(
            'tbody',
            {},
            ...sessions.map((s) => {
              const here = s.current ?? s.id === me?.session;
              return el(
                'tr',
                {},
                el('td', {}, `${s.device ?? s.id}${here ? S.admin.thisDevice : ''}`),
                el(
                  'td',
                  { class: 'nowrap' },
                  s.lastSeenAt ? formatTime(s.lastSeenAt) : s.createdAt ? formatTime(s.createdAt) : '',
                ),
                el(
                  'td',
                  {},
                  el(
                    'button',
                    {
                      type: 'button',
                      class: 'button secondary small',
                      'data-session': s.id,
                      'aria-label': `${S.admin.signOut}：${s.device ?? s.id}`,
                    },
                    S.admin.signOut,
                  ),
                ),
              );
            }),
          ),
        ),
      );
    } catch (e) {
      box.replaceChildren(el('p', { class: 'form-error' }, problemText(e)));
    }
  }

  root.addEventListener('click', async (e) => {
    const target = e.target as HTMLElement;
    const staffButton = target.closest<HTMLElement>('[data-revoke-staff]');
    const sessionButton = target.closest<HTMLElement>('[data-session]');
    const status = $('[data-staff-status]');
    const error = $('[data-staff-error]');
    if (staffButton) {
      const name = staffButton.dataset.name ?? '';
      if (!window.confirm(fill(S.admin.revokeStaffConfirm, { name }))) return;
      error.textContent = '';
      try {
        await api(`/admin/staff/${staffButton.dataset.revokeStaff}/revoke`, {
          method: 'POST',
          key: idempotencyKey('revoke'),
          offlineTitle: S.access.offline,
        });
        status.textContent = fill(S.admin.revokedDone, { name });
        await loadStaff();
      } catch (err) {
        error.textContent = `${S.admin.refused}${problemText(err)}`;
      }
    } else if (sessionButton) {
      error.textContent = '';
      try {
        await api(`/staff/sessions/${sessionButton.dataset.session}/revoke`, {
          method: 'POST',
          key: idempotencyKey('signout'),
          offlineTitle: S.access.offline,
        });
        if (Number(sessionButton.dataset.session) === me?.session) {
          window.location.reload();
          return;
        }
        await Promise.all([loadStaff(), loadSessions()]);
      } catch (err) {
        error.textContent = `${S.admin.refused}${problemText(err)}`;
      }
    }
  });

  // ---- enrolment links ----
  const enrolForm = $<HTMLFormElement>('[data-enrol]');
  let enrolKey = idempotencyKey('link');
  enrolForm.addEventListener('input', () => (enrolKey = idempotencyKey('link')));
  enrolForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const error = $('[data-enrol-error]');
    error.textContent = '';
    const data = new FormData(enrolForm);
    try {
      const r = await api<{ token: string; expiresAt: string; role: string }>('/admin/enrolments', {
        body: { role: data.get('role'), displayName: String(data.get('displayName') ?? '') },
        key: enrolKey,
        offlineTitle: S.access.offline,
      });
      enrolKey = idempotencyKey('link');
      const link = `${window.location.origin}/staff/enrol/#${r.token}`;
      $<HTMLInputElement>('[data-enrol-link]').value = link;
      $('[data-enrol-expires]').textContent = fill(S.admin.enrolExpires, { time: formatTime(r.expiresAt) });
      $('[data-copied]').textContent = '';
      const svg = await QRCode.toString(link, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      const node = document.importNode(doc.documentElement, true);
      node.setAttribute('role', 'img');
      node.setAttribute('aria-label', S.admin.enrolQr);
      $('[data-enrol-qr]').replaceChildren(node);
      $('[data-enrol-result]').hidden = false;
      void loadAudit(auditAfter.at(-1) ?? 0);
    } catch (err) {
      error.textContent = `${S.admin.refused}${problemText(err)}`;
    }
  });
  $('[data-copy]').addEventListener('click', async () => {
    const input = $<HTMLInputElement>('[data-enrol-link]');
    try {
      await navigator.clipboard.writeText(input.value);
    } catch {
      input.select();
    }
    $('[data-copied]').textContent = S.admin.copied;
  });

  // ---- catalogue ----
  async function loadCatalogue() {
    const p = $('[data-catalogue]');
    try {
      const h = await api<{ catalogue: string | null; engine: string }>('/health', { offlineTitle: S.access.offline });
      p.textContent = `${h.catalogue ? fill(S.admin.catalogueVersion, { v: h.catalogue }) : S.admin.catalogueNone} ${fill(S.admin.engine, { e: h.engine })}`;
    } catch (e) {
      p.textContent = problemText(e);
    }
  }

  // ---- audit log ----
  /** The `after` of each page shown so far (the first page starts after 0). */
  const auditAfter: number[] = [];
  const prev = $<HTMLButtonElement>('[data-audit-prev]');
  const next = $<HTMLButtonElement>('[data-audit-next]');
  let lastSeq = 0;
  async function loadAudit(after: number) {
    const box = $('[data-audit]');
    try {
      const { entries } = await api<{ entries: AuditEntry[] }>(`/audit?after=${after}&limit=${PAGE}`, {
        offlineTitle: S.access.offline,
      });
      $('[data-audit-error]').textContent = '';
      if (auditAfter.at(-1) !== after) auditAfter.push(after);
      if (!entries.length) {
        box.replaceChildren(el('p', {}, S.admin.auditNone));
        next.disabled = true;
        prev.disabled = auditAfter.length < 2;
        return;
      }
      lastSeq = entries.at(-1)!.seq;
      box.replaceChildren(
        el(
          'table',
          { class: 'staff-table' },
          el('caption', {}, fill(S.admin.auditCaption, { from: entries[0]!.seq, to: lastSeq })),
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              th(S.admin.colSeq, 'num'),
              th(S.admin.colAt),
              th(S.admin.colActor),
              th(S.admin.colActionName),
              th(S.admin.colSubject),
              th(S.admin.colDetail),
            ),
          ),
          el(
            'tbody',
            {},
            ...entries.map((a) =>
              el(
                'tr',
                {},
                el('td', { class: 'num' }, a.seq),
                el('td', { class: 'nowrap' }, a.at ? formatTime(a.at) : ''),
                el('td', {}, a.actor ?? ''),
                el('td', {}, a.action ?? ''),
                el('td', { class: 'wide' }, a.subject ?? ''),
                el('td', { class: 'audit-detail wide' }, a.detail ? JSON.stringify(a.detail) : ''),
              ),
            ),
          ),
        ),
      );
      next.disabled = entries.length < PAGE;
      prev.disabled = auditAfter.length < 2;
    } catch (e) {
      $('[data-audit-error]').textContent = problemText(e);
    }
  }
  next.addEventListener('click', () => void loadAudit(lastSeq));
  prev.addEventListener('click', () => {
    auditAfter.pop();
    void loadAudit(auditAfter.pop() ?? 0);
  });
}
