/**
 * The check-in page in the browser: reads the volunteer's code from the address's fragment (it never reaches a
 * server log), and checks it in with this browser's card through the outbox, so a hall with no signal only
 * delays it. scannedAt is the moment the code was opened: the service accepts a late upload of a code from the
 * event's own time.
 */
import { parseCheckinCode } from '@hc/domain/points/checkin-code.ts';
import { readCard, residentOutbox, type StoredCard } from '../../lib/points/card-store.ts';
import { idempotencyKey } from '../../lib/points/client.ts';
import { fill } from '../../lib/text/fill.ts';
import { CARD_EVENT } from './my-card.ts';

const PENDING = 'hc:points-checkin';

export function startCheckin(el: HTMLElement): void {
  const say = (key: string, vars: Record<string, string | number> = {}, tone: 'ok' | 'bad' = 'ok') => {
    el.textContent = fill(el.dataset[key], vars);
    el.dataset.tone = tone;
  };
  const lang = document.documentElement.lang;
  type Job = { code: string; scannedAt: string; key: string };
  // The code and the moment it was opened survive getting a card first (same tab) and a reload.
  const fromHash = (): Job | 'bad' | undefined => {
    const code = decodeURIComponent(location.hash.slice(1));
    if (!code) return undefined;
    history.replaceState(null, '', location.pathname + location.search);
    if (!parseCheckinCode(code)) return 'bad';
    const job = { code, scannedAt: new Date().toISOString(), key: idempotencyKey('checkin') };
    sessionStorage.setItem(PENDING, JSON.stringify(job));
    return job;
  };
  const stored = (): Job | undefined => {
    try {
      return JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') ?? undefined;
    } catch {
      return undefined;
    }
  };

  async function checkIn(job: Job, card: StoredCard) {
    say('msgWorking');
    const outbox = residentOutbox();
    await outbox.add({
      key: job.key,
      path: '/me/checkins',
      body: { code: job.code, scannedAt: job.scannedAt },
      token: card.token,
      label: job.code.split(':').slice(3).join(':'),
    });
    sessionStorage.removeItem(PENDING);
    await outbox.flush(lang).catch(() => []);
    const status = await outbox.status(job.key);
    const settled = status.state === 'settled' ? status.settled : undefined;
    if (!settled) say('msgQueued');
    else if (settled.ok) say('msgDone', { points: (settled.result as { points: number }).points });
    else {
      el.textContent = String(settled.result);
      el.dataset.tone = 'bad';
    }
    document.querySelector('[data-my-card]')?.dispatchEvent(new Event('hc:refresh'));
  }

  function start(job: Job | 'bad' | undefined) {
    if (job === 'bad') return say('msgBad', {}, 'bad');
    if (!job) return;
    const card = readCard();
    if (card) void checkIn(job, card);
    else {
      say('msgNoCard');
      document.addEventListener(CARD_EVENT, (ev) => void checkIn(job, (ev as CustomEvent<StoredCard>).detail), {
        once: true,
      });
    }
  }
  start(fromHash() ?? stored());
  // Another code scanned while this page is open arrives as a new fragment on the same page.
  addEventListener('hashchange', () => start(fromHash()));
}
