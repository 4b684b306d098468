/**
 * 我的积分卡 in the browser (MyCard.astro). The card's QR and number are drawn from what this phone stores, with
 * no network, so they show at once and offline; the balance and history come from the service and are kept
 * with their time for when there is no signal. Check-ins waiting for signal (the outbox) are sent on opening,
 * on reconnect and from a button. Dispatches `hc:card` on the section when a card becomes available (the
 * check-in page waits for it).
 */
import { formatCardNumber, cardQrText } from '@hc/domain/points/card.ts';
import { canExchange } from '@hc/domain/points/rewards.ts';
import { localDate } from '@hc/domain/time.ts';
import { qrSvg } from '../../lib/share/links.ts';
import { api, ApiProblem, idempotencyKey } from '../../lib/points/client.ts';
import {
  clearCard,
  readCache,
  readCard,
  residentOutbox,
  saveCache,
  saveCard,
  type StoredCard,
} from '../../lib/points/card-store.ts';
import { fill } from '../../lib/text/fill.ts';

type Localised = string | Record<string, string | undefined> | null | undefined;
interface Summary {
  number: string;
  balance: number;
  expiring: Array<{ amount: number; expiresOn: string }>;
  month?: { month: string; events: number };
}
interface Transfer {
  id: number;
  kind: 'earn' | 'redeem' | 'refund' | 'correction' | 'expire' | 'move';
  points: number;
  rule: string | null;
  reward: string | null;
  at: string;
  title?: Localised;
  startsAt?: string | null;
  recordedBy?: string | null;
}
interface Catalogue {
  rules: Array<{ id: string; title: Localised }>;
  rewards: Array<{ id: string; name: Localised; cost: number; left: number; validFrom: string; validTo: string }>;
}

const KIND = {
  earn: 'kindEarn',
  redeem: 'kindRedeem',
  refund: 'kindRefund',
  correction: 'kindCorrection',
  expire: 'kindExpire',
  move: 'kindMove',
} as const;

/** A card made or claimed on this page: the section (and anyone listening) learns of it. */
export const CARD_EVENT = 'hc:card';

export function startMyCard(root: HTMLElement): void {
  const $ = <T extends HTMLElement = HTMLElement>(name: string) => root.querySelector<T>(`[data-${name}]`)!;
  const msgs = JSON.parse(root.dataset.msgs ?? '{}') as Record<string, string>;
  const locale = root.dataset.locale ?? 'zh-hans';
  const intl = root.dataset.intl ?? 'zh-CN';
  const lang = document.documentElement.lang || intl;
  const outbox = residentOutbox();
  const timeFmt = new Intl.DateTimeFormat(intl, {
    timeZone: 'Asia/Shanghai',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const dateFmt = new Intl.DateTimeFormat(intl, { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });
  const pick = (v: Localised): string =>
    !v ? '' : typeof v === 'string' ? v : (v[locale] ?? v['zh-hans'] ?? Object.values(v).find(Boolean) ?? '');
  const status = (text: string, tone: 'ok' | 'bad' = 'ok') => {
    const el = $('card-status');
    el.textContent = text;
    el.dataset.tone = tone;
  };
  const problemText = (e: unknown) =>
    e instanceof ApiProblem ? (e.offline ? msgs.unreachable! : e.title) : msgs.unreachable!;

  $('card-nojs').hidden = true;
  let card = readCard();

  async function showPending(): Promise<void> {
    const n = await outbox.count().catch(() => 0);
    $('card-pending').hidden = n === 0;
    $('card-pending-text').textContent = fill(msgs.pending, { count: n });
  }

  function render(data: { summary?: Summary; transfers?: Transfer[]; catalogue?: Catalogue; at?: number }) {
    const { summary, transfers, catalogue, at } = data;
    if (summary) {
      $('card-balance').textContent = String(summary.balance);
      const soon = summary.expiring[0];
      $('card-expiring').hidden = !soon;
      if (soon)
        $('card-expiring').textContent = fill(msgs.expiring, {
          points: soon.amount,
          date: dateFmt.format(new Date(`${soon.expiresOn}T00:00:00Z`)),
        });
    }
    if (at) $('card-updated').textContent = fill(msgs.updated, { time: timeFmt.format(at) });
    const rules = new Map(catalogue?.rules.map((r) => [r.id, pick(r.title)]));
    const rewards = new Map(catalogue?.rewards.map((r) => [r.id, pick(r.name)]));
    if (transfers) {
      const list = $('card-history');
      list.replaceChildren();
      if (!transfers.length) {
        const li = document.createElement('li');
        li.textContent = msgs.historyEmpty!;
        list.append(li);
      }
      for (const tr of transfers) {
        const li = document.createElement('li');
        const what = document.createElement('span');
        what.textContent =
          pick(tr.title) ||
          (tr.reward ? rewards.get(tr.reward) : undefined) ||
          (tr.rule ? rules.get(tr.rule) : undefined) ||
          msgs[KIND[tr.kind]] ||
          tr.kind;
        const amount = document.createElement('span');
        amount.className = 'amount';
        amount.textContent = `${tr.points > 0 ? '+' : '−'}${Math.abs(tr.points)}`;
        const when = document.createElement('span');
        when.className = 'when';
        when.textContent = [
          msgs[KIND[tr.kind]],
          timeFmt.format(new Date(tr.startsAt ?? tr.at)),
          tr.recordedBy ? fill(msgs.recordedBy, { name: tr.recordedBy }) : '',
        ]
          .filter(Boolean)
          .join(' · ');
        li.append(what, amount, when);
        list.append(li);
      }
    }
    if (catalogue && summary) {
      const today = localDate(new Date());
      const affordable = catalogue.rewards.filter((r) => canExchange(r, summary.balance, today));
      const list = $('card-can-buy');
      list.replaceChildren();
      if (!affordable.length) {
        const li = document.createElement('li');
        li.textContent = msgs.canBuyNone!;
        list.append(li);
      }
      for (const r of affordable) {
        const li = document.createElement('li');
        const name = document.createElement('span');
        name.textContent = pick(r.name);
        const cost = document.createElement('strong');
        cost.textContent = fill(msgs.cost, { points: r.cost });
        li.append(name, cost);
        list.append(li);
      }
    }
  }

  async function showCard(c: StoredCard): Promise<void> {
    $('card-get').hidden = true;
    $('card-face').hidden = false;
    $('card-more').hidden = false;
    const formatted = formatCardNumber(c.number);
    // No break inside the number (no-break spaces between its groups): it is read out and typed as one.
    $('card-number').textContent = fill(msgs.number, { number: formatted.replace(/ /g, '\u00a0') });
    const qr = $('card-qr');
    qr.setAttribute('aria-label', fill(msgs.qrLabel, { number: formatted }));
    qr.innerHTML = await qrSvg(cardQrText(c.number));
    const cached = readCache();
    if (cached)
      render({
        summary: cached.summary as Summary,
        transfers: (cached.transfers as { transfers: Transfer[] }).transfers,
        catalogue: cached.catalogue as Catalogue,
        at: cached.at,
      });
    await showPending();
    await refresh(c);
  }

  function showNoCard(): void {
    $('card-face').hidden = true;
    $('card-more').hidden = true;
    $('card-get').hidden = false;
  }

  async function refresh(c: StoredCard): Promise<void> {
    await outbox.flush(lang).catch(() => []);
    await showPending();
    try {
      const [summary, transfers, catalogue] = await Promise.all([
        api<Summary>('/me', { token: c.token, lang }),
        api<{ transfers: Transfer[] }>('/me/transfers', { token: c.token, lang }),
        api<Catalogue>('/catalogue', { lang }),
      ]);
      const at = Date.now();
      saveCache({ at, summary, transfers, catalogue });
      render({ summary, transfers: transfers.transfers, catalogue, at });
      $('card-offline').hidden = true;
    } catch (e) {
      if (e instanceof ApiProblem && (e.status === 401 || e.status === 410)) {
        // 401: the card was forgotten on this phone (another tab); 410: deleted, or replaced at the desk after a
        // loss. Either way this phone lets it go, with the check-ins it can no longer send, and says why.
        await outbox.dropFor(c.token);
        clearCard();
        card = undefined;
        showNoCard();
        status(e.title, 'bad');
        return;
      }
      $('card-offline').hidden = false;
      $('card-offline').textContent = msgs.offline!;
    }
  }

  function adopt(c: StoredCard): void {
    saveCard(c);
    card = c;
    status('');
    void showCard(c).then(() => root.scrollIntoView({ block: 'start' }));
    root.dispatchEvent(new CustomEvent(CARD_EVENT, { detail: c, bubbles: true }));
  }

  // One key per attempt kept until it succeeds: tapping again after a lost answer does not make a second card.
  let newKey = idempotencyKey('card');
  $('card-new').addEventListener('click', async (ev) => {
    const button = ev.currentTarget as HTMLButtonElement;
    button.disabled = true;
    status(msgs.working!);
    try {
      const r = await api<StoredCard>('/cards', {
        body: { consentVersion: root.dataset.consent, olderThan14: true },
        key: newKey,
        lang,
      });
      newKey = idempotencyKey('card');
      adopt(r);
    } catch (e) {
      status(problemText(e), 'bad');
    } finally {
      button.disabled = false;
    }
  });

  $<HTMLFormElement>('card-claim').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const form = ev.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('code') as HTMLInputElement;
    const code = input.value.normalize('NFKC').replace(/[\s-]/g, '');
    const error = $('card-claim-error');
    if (!/^\d{8}$/.test(code)) {
      error.textContent = msgs.claimBad!;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    status(msgs.working!);
    try {
      adopt(await api<StoredCard>('/cards/claim', { body: { code, device: deviceName() }, lang }));
      input.value = '';
    } catch (e) {
      error.textContent = problemText(e);
      input.setAttribute('aria-invalid', 'true');
      status('');
    }
  });

  $('card-send').addEventListener('click', () => {
    if (card) void refresh(card);
  });

  $('card-move').addEventListener('click', async () => {
    if (!card) return;
    const out = $('card-move-code');
    try {
      const r = await api<{ code: string; expiresAt: string }>('/me/transfer-codes', {
        body: {},
        token: card.token,
        lang,
      });
      out.textContent = fill(msgs.moveCode, {
        code: `${r.code.slice(0, 4)} ${r.code.slice(4)}`,
        time: new Intl.DateTimeFormat(intl, { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' }).format(
          new Date(r.expiresAt),
        ),
      });
    } catch (e) {
      out.textContent = problemText(e);
    }
  });

  $('card-share').addEventListener('click', async () => {
    const summary = readCache()?.summary as Summary | undefined;
    const count = summary?.month?.events ?? 0;
    const { sharePicture } = await import('./share-picture.ts');
    const { blob, dataUrl } = await sharePicture({
      text: fill(msgs.shareText, { count }),
      site: msgs.site!,
      month: summary?.month?.month ?? localDate(new Date()).slice(0, 7),
      intl,
    });
    const file = new File([blob], 'jiankang-month.png', { type: 'image/png' });
    // Made here rather than in the page: a generated picture, no AVIF/WebP source to offer.
    const out = $('card-share-out');
    out.querySelector('img')?.remove();
    const img = Object.assign(document.createElement('img'), { src: dataUrl, width: 540, height: 720 });
    img.alt = fill(msgs.shareText, { count });
    out.prepend(img);
    $('card-share-save').onclick = () => {
      const a = document.createElement('a');
      a.href = dataUrl;
      a.download = file.name;
      a.click();
    };
    $('card-share-out').hidden = false;
    if (navigator.canShare?.({ files: [file] })) await navigator.share({ files: [file] }).catch(() => undefined);
  });

  $('card-forget').addEventListener('click', async () => {
    if (!card || !confirm(msgs.forgetConfirm)) return;
    // Best effort: the token stops working on the service too; offline, the phone forgets it all the same.
    await api('/me/forget', { body: {}, token: card.token, lang }).catch(() => undefined);
    await outbox.dropFor(card.token);
    clearCard();
    card = undefined;
    showNoCard();
    status(msgs.forgotten!);
  });

  $('card-remove').addEventListener('click', async () => {
    if (!card || !confirm(msgs.removeConfirm)) return;
    try {
      await api('/me', { method: 'DELETE', token: card.token, lang });
      await outbox.dropFor(card.token);
      clearCard();
      card = undefined;
      showNoCard();
      status(msgs.removed!);
    } catch (e) {
      status(problemText(e), 'bad');
    }
  });

  addEventListener('online', () => {
    if (card) void refresh(card);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && card) void refresh(card);
  });
  root.addEventListener('hc:refresh', () => {
    if (card) void refresh(card);
  });

  if (card) void showCard(card);
  else showNoCard();
}

/** A name for this browser in the card's device list: WeChat's browser or the phone's own. */
function deviceName(): string {
  return /MicroMessenger/i.test(navigator.userAgent) ? 'WeChat' : 'browser';
}
