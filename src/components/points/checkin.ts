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
  // The code and the moment it was opened survive getting a card first (same tab) and a reload.
  let pending: { code: string; scannedAt: string; key: string } | undefined;
  const fromHash = decodeURIComponent(location.hash.slice(1));
  if (fromHash) {
    if (!parseCheckinCode(fromHash)) return say('msgBad', {}, 'bad');
    pending = { code: fromHash, scannedAt: new Date().toISOString(), key: idempotencyKey('checkin') };
    sessionStorage.setItem(PENDING, JSON.stringify(pending));
    history.replaceState(null, '', location.pathname + location.search);
  } else {
    try {
      pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') ?? undefined;
    } catch {
      pending = undefined;
    }
  }
  if (!pending) return;
  const job = pending;

  async function checkIn(card: StoredCard) {
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
    const settled = (await outbox.flush(lang).catch(() => [])).find((s) => s.key === job.key);
    if (!settled) say('msgQueued');
    else if (settled.ok) say('msgDone', { points: (settled.result as { points: number }).points });
    else {
      el.textContent = String(settled.result);
      el.dataset.tone = 'bad';
    }
    document.querySelector('[data-my-card]')?.dispatchEvent(new Event('hc:refresh'));
  }

  const card = readCard();
  if (card) void checkIn(card);
  else {
    say('msgNoCard');
    document.addEventListener(CARD_EVENT, (ev) => void checkIn((ev as CustomEvent<StoredCard>).detail), {
      once: true,
    });
  }
}
