/**
 * The volunteer's page (/staff/; docs/staff.md). Every scan is written to the outbox (IndexedDB, with the
 * idempotency key made at scan time) before anything is sent, then sent; what the service does not get stays
 * there, counted on screen ("3 条待上传"), and is sent again when the phone comes back online, when the page
 * opens or becomes visible again, every 30 s while anything waits, and from the 上传 button. Because the key
 * goes with the entry, sending it twice records it once.
 */
import { formatCardNumber, parseCardScan } from '@hc/domain/points/card.ts';
import { api, ApiProblem, idempotencyKey } from '../../../lib/points/client.ts';
import { Outbox, type OutboxEntry, type Settled } from '../../../lib/points/outbox.ts';
import { NoReader, startCamera, type CameraScan } from './camera.ts';
import { CodeScreen } from './code-screen.ts';
import { feedback, unlockSound } from './feedback.ts';
import {
  forgetOldSecrets,
  savedChoice,
  savedMe,
  savedToday,
  saveChoice,
  saveMe,
  saveToday,
  type Occurrence,
  type StaffMe,
} from './store.ts';
import { API_LANG, INTL_LOCALE, REFUSALS, S } from './strings.ts';

const LANG = API_LANG;
/** How long a scan waits for the service before the screen says it is saved for later (it keeps trying). */
const ANSWER_WAIT_MS = 2500;
/** The camera sees a card many times a second: the same text seen again within this time is the same scan. */
const REPEAT_MS = 4000;
const RETRY_MS = 30_000;
const RECENT = 8;

interface AttendanceBody {
  occurrence: string;
  card: { number: string };
}
interface AttendanceResult {
  points?: number;
}

const outbox = new Outbox('staff-attendance');
const q = <T extends HTMLElement = HTMLElement>(name: string) => document.querySelector<T>(`[data-${name}]`)!;

let occurrence: Occurrence | undefined;
let me: StaffMe | undefined;
let camera: CameraScan | undefined;
/** The scan the big result shows, so a late answer updates it only while it is still the one on screen. */
let shownKey: string | undefined;
const lastSeen = new Map<string, number>();

const timeFmt = new Intl.DateTimeFormat(INTL_LOCALE, { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' });
const hm = (iso: string) => timeFmt.format(new Date(iso));

// ---- the result of a scan ---------------------------------------------------------------------------------------

type Shown =
  | { kind: 'ok'; number: string; points?: number }
  | { kind: 'saved'; number: string; note?: string }
  | { kind: 'sending'; number: string }
  | { kind: 'refused'; number?: string; text: string };

function show(result: Shown): void {
  const box = q('result');
  box.className = `vol-result vol-result-${result.kind}`;
  box.replaceChildren();
  const mark = document.createElement('span');
  mark.className = 'vol-result-mark';
  mark.setAttribute('aria-hidden', 'true');
  mark.textContent = { ok: '✓', saved: '↑', sending: '…', refused: '✗' }[result.kind];
  const head = document.createElement('strong');
  head.className = 'vol-result-head';
  head.textContent = {
    ok: S.scanOk,
    saved: S.scanQueued,
    sending: S.scanSending,
    refused: result.kind === 'refused' ? result.text : '',
  }[result.kind];
  box.append(mark, head);
  if (result.number) {
    const num = document.createElement('span');
    num.className = 'vol-result-number';
    num.textContent = formatCardNumber(result.number);
    box.append(num);
  }
  if (result.kind === 'ok' && result.points) {
    const pts = document.createElement('span');
    pts.className = 'vol-result-points';
    pts.textContent = S.scanOkPoints(result.points);
    box.append(pts);
  }
}

function refusalText(s: Settled): string {
  return (s.code && REFUSALS[s.code]) ?? (typeof s.result === 'string' ? s.result : S.scanRefused);
}

function showSettled(s: Settled): void {
  const number = (s.body as AttendanceBody).card.number;
  if (s.ok) show({ kind: 'ok', number, points: (s.result as AttendanceResult).points });
  else show({ kind: 'refused', number, text: refusalText(s) });
}

// ---- the outbox on screen ------------------------------------------------------------------------------------

async function renderPending(): Promise<void> {
  const n = await outbox.count();
  q('pending-bar').hidden = n === 0;
  q('pending-count').textContent = n ? S.pending(n) : S.pendingNone;
  if (n === 0) q('upload-note').textContent = '';
  await renderRecent();
}

async function renderRecent(): Promise<void> {
  const list = q('recent');
  if (!occurrence) return;
  const id = occurrence.id;
  const mine = (e: OutboxEntry) => (e.body as AttendanceBody).occurrence === id;
  const pending = (await outbox.pending()).filter(mine).map((e) => ({ e, state: 'pending' as const }));
  const settled = (await outbox.settled(50)).filter(mine).map((e) => ({ e, state: e.ok ? 'ok' : 'refused' }));
  const rows = [...pending, ...settled].sort((a, b) => b.e.at - a.e.at).slice(0, RECENT);
  list.replaceChildren(
    ...rows.map(({ e, state }) => {
      const li = document.createElement('li');
      li.className = `vol-recent-${state}`;
      const number = formatCardNumber((e.body as AttendanceBody).card.number);
      const what = state === 'pending' ? S.scanQueued : state === 'ok' ? S.scanOk : refusalText(e as Settled);
      li.textContent = `${hm(new Date(e.at).toISOString())} ${number} · ${what}`;
      return li;
    }),
  );
  if (rows.length === 0) {
    const li = document.createElement('li');
    li.textContent = S.recentNone;
    list.append(li);
  }
}

async function flush(): Promise<void> {
  await outbox.flush(LANG).catch(() => []);
  const stop = outbox.stoppedBy;
  if (stop?.status === 401) signedOut();
  q('upload-note').textContent = !stop ? '' : stop.status === 401 ? S.uploadSignedOut : S.uploadOffline;
  await renderPending();
}

// ---- a scan -------------------------------------------------------------------------------------------------------

async function record(raw: string): Promise<void> {
  const scan = parseCardScan(raw);
  if (!scan.ok) {
    if (scan.problem === 'empty') return;
    shownKey = undefined;
    show({ kind: 'refused', text: scan.problem === 'check' ? S.scanCheck : S.scanNotCard });
    feedback('refused');
    return;
  }
  const o = occurrence;
  if (!o) return;
  const waiting = (await outbox.pending()).some(
    (e) => (e.body as AttendanceBody).occurrence === o.id && (e.body as AttendanceBody).card.number === scan.number,
  );
  if (waiting) {
    shownKey = undefined;
    show({ kind: 'saved', number: scan.number });
    q('result').querySelector('.vol-result-head')!.textContent = S.scanAlreadyQueued;
    feedback('saved');
    return;
  }
  const key = idempotencyKey('att');
  // Stored first: whatever happens to the tab or the signal from here on, the scan is not lost.
  await outbox.add({
    key,
    path: '/attendance',
    body: { occurrence: o.id, card: { number: scan.number } },
    label: scan.number,
  });
  shownKey = key;
  show({ kind: 'sending', number: scan.number });
  const sent = flush();
  const answered = await Promise.race([sent.then(() => true), sleep(ANSWER_WAIT_MS).then(() => false)]);
  await answer(key, scan.number, answered);
  if (!answered) {
    await sent;
    if (shownKey === key) await answer(key, scan.number, true, false);
  }
}

async function answer(key: string, number: string, final: boolean, buzz = true): Promise<void> {
  const st = await outbox.status(key);
  if (shownKey !== key) return;
  if (st.state === 'settled') {
    showSettled(st.settled);
    if (buzz || !st.settled.ok) feedback(st.settled.ok ? 'ok' : 'refused');
  } else if (st.state === 'pending') {
    show({ kind: 'saved', number });
    if (buzz) feedback('saved');
  } else if (final) show({ kind: 'saved', number });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- signing in and today's occurrences --------------------------------------------------------------------------

function roleName(role: string): string {
  return S.roles[role] ?? role;
}

function signedOut(): void {
  me = undefined;
  saveMe(undefined);
  q('who').textContent = '';
  q('who').hidden = true;
  q('signin').hidden = false;
  q('pick').hidden = true;
  q('work').hidden = true;
  stopCamera();
}

async function loadMe(): Promise<boolean> {
  try {
    me = await api<StaffMe>('/staff/me', { lang: LANG });
    saveMe(me);
    q('who').textContent = S.signedInAs(me.displayName, roleName(me.role));
  } catch (e) {
    if (!(e instanceof ApiProblem)) throw e;
    if (e.status === 401) {
      signedOut();
      return false;
    }
    me = savedMe();
    if (!me) {
      q('who').hidden = true;
      note(S.serviceDown);
      return false;
    }
    q('who').textContent = S.signedInOffline(me.displayName, roleName(me.role));
  }
  if (me.role !== 'volunteer' && me.role !== 'admin') {
    q('signin-why').textContent = S.wrongRole;
    q('signin').hidden = false;
    return false;
  }
  return true;
}

function note(text: string): void {
  const el = q('service-note');
  el.textContent = text;
  el.hidden = !text;
}

async function loadToday(): Promise<Occurrence[] | undefined> {
  try {
    const r = await api<{ date: string; occurrences: Occurrence[] }>('/occurrences/today', { lang: LANG });
    saveToday(r.date, r.occurrences);
    return r.occurrences;
  } catch (e) {
    if (!(e instanceof ApiProblem)) throw e;
    if (e.status === 401) signedOut();
    return undefined;
  }
}

function renderPick(list: Occurrence[] | undefined, offline: boolean): void {
  const pickNote = q('pick-note');
  pickNote.hidden = !offline && list !== undefined;
  pickNote.textContent = list === undefined ? S.pickNoList : offline ? S.pickOfflineList : '';
  const ul = q('occ-list');
  const usable = (list ?? []).filter((o) => o.status !== 'cancelled');
  ul.replaceChildren(
    ...usable.map((o) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'vol-occ';
      const title = document.createElement('span');
      title.className = 'vol-occ-title';
      title.textContent = o.title;
      const meta = document.createElement('span');
      meta.className = 'vol-occ-meta';
      meta.textContent = `${S.time(hm(o.startsAt), hm(o.endsAt))} · ${S.pointsEach(o.points)}`;
      b.append(title, meta);
      b.addEventListener('click', () => choose(o));
      li.append(b);
      return li;
    }),
  );
  if (list && usable.length === 0) {
    const li = document.createElement('li');
    li.textContent = S.pickNone;
    ul.append(li);
  }
}

function choose(o: Occurrence | undefined, focus = true): void {
  occurrence = o;
  saveChoice(o);
  q('pick').hidden = !!o;
  q('work').hidden = !o;
  if (!o) {
    stopCamera();
    if (focus) q('occ-list').querySelector<HTMLButtonElement>('button')?.focus();
    return;
  }
  q('occ-title').textContent = o.title;
  q('occ-meta').textContent = `${S.time(hm(o.startsAt), hm(o.endsAt))} · ${S.pointsEach(o.points)}`;
  q('result').replaceChildren();
  q('result').className = 'vol-result';
  void renderRecent();
  if (focus) q('occ-title').closest<HTMLElement>('h2')?.focus();
}

// ---- modes ----------------------------------------------------------------------------------------------------------

/** The scanning panel stays open across a reload in this tab (sessionStorage), as the volunteer left it. */
const MODE_KEY = 'hc:vol:scan-open';

function setScanOpen(open: boolean, focus = true): void {
  const button = document.querySelector<HTMLButtonElement>('[data-mode="scan"]')!;
  button.setAttribute('aria-expanded', String(open));
  q('scan-panel').hidden = !open;
  try {
    if (open) sessionStorage.setItem(MODE_KEY, '1');
    else sessionStorage.removeItem(MODE_KEY);
  } catch {
    /* storage blocked: the panel just starts closed next time */
  }
  if (open && focus) q<HTMLInputElement>('type-form').querySelector('input')?.focus();
  else stopCamera();
}

function stopCamera(): void {
  camera?.stop();
  camera = undefined;
  q('video-box').hidden = true;
  q('camera').textContent = S.cameraStart;
}

async function toggleCamera(): Promise<void> {
  const note = q('camera-note');
  if (camera) {
    stopCamera();
    note.textContent = '';
    return;
  }
  const button = q<HTMLButtonElement>('camera');
  button.disabled = true;
  note.textContent = '';
  q('video-box').hidden = false;
  try {
    camera = await startCamera(q<HTMLVideoElement>('video'), (text) => {
      // A card held in view is one scan: it counts again only after it has been out of sight for REPEAT_MS.
      const now = Date.now();
      const before = lastSeen.get(text) ?? 0;
      lastSeen.set(text, now);
      if (now - before >= REPEAT_MS) void record(text);
    });
    button.textContent = S.cameraStop;
    note.textContent = S.cameraHint;
  } catch (e) {
    q('video-box').hidden = true;
    note.textContent = e instanceof NoReader ? S.cameraNoReader : S.cameraDenied;
  } finally {
    button.disabled = false;
  }
}

// ---- start -----------------------------------------------------------------------------------------------------------

export function initVolunteer(): void {
  if (!document.querySelector('[data-volunteer]')) return;
  const codeScreen = new CodeScreen(q<HTMLDialogElement>('code-screen'), () => undefined);

  document.addEventListener('click', unlockSound, { capture: true });
  document.addEventListener('keydown', unlockSound, { capture: true, once: true });
  q('upload').addEventListener('click', () => void flush());
  q('change').addEventListener('click', () => {
    codeScreen.close();
    setScanOpen(false);
    choose(undefined);
  });
  document.querySelector('[data-mode="code"]')!.addEventListener('click', () => {
    if (occurrence) void codeScreen.open(occurrence);
  });
  document
    .querySelector('[data-mode="scan"]')!
    .addEventListener('click', () => setScanOpen(q('scan-panel').hidden === true));
  q('camera').addEventListener('click', () => void toggleCamera());
  q<HTMLFormElement>('type-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).querySelector('input')!;
    const raw = input.value;
    input.value = '';
    void record(raw);
  });

  window.addEventListener('online', () => void flush());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void flush();
    else stopCamera();
  });
  setInterval(() => {
    void outbox.count().then((n) => (n > 0 ? flush() : undefined));
  }, RETRY_MS);

  void forgetOldSecrets().catch(() => undefined);
  void start();
}

async function start(): Promise<void> {
  await renderPending();
  const remembered = savedChoice();
  const [ok, list] = await Promise.all([loadMe(), loadToday()]);
  void flush();
  if (!ok) return;
  const fresh = list !== undefined;
  const shown = list ?? savedToday();
  renderPick(shown, !fresh && shown !== undefined);
  if (!fresh && shown === undefined && !remembered) note(S.serviceDown);
  // The remembered choice holds for the day, unless the service's list says it is gone or cancelled.
  const still =
    remembered && (fresh ? list.find((o) => o.id === remembered.id && o.status !== 'cancelled') : remembered);
  choose(still || undefined, false);
  let reopen = false;
  try {
    reopen = sessionStorage.getItem(MODE_KEY) === '1';
  } catch {
    /* storage blocked */
  }
  if (occurrence && reopen) setScanOpen(true, false);
}
