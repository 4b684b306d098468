/**
 * The desk page's behaviour (Desk.astro): card look-up from a scanner's "HC:…⏎" or a typed number, the card's
 * balance, expiring points and history, the rewards from GET /catalogue, redemption with a confirmation, the
 * voucher's hand-over or cancellation, and admins' corrections. Each write carries one Idempotency-Key per
 * action, so a second tap or a retry after a lost answer is the same write. Refusals are the service's words.
 */
import { formatCardNumber, parseCardScan } from '@hc/domain/points/card.ts';
import { api, ApiProblem, idempotencyKey } from '../../../lib/points/client.ts';
import { checkAccess, el, fillNodes, formatTime, nowrap, problemText, type StaffMe } from '../access.ts';
import { fill, S } from '../admin-desk-strings.ts';

interface CardSummary {
  number: string;
  status: string;
  balance: number;
  expiring: Array<{ amount: number; expiresOn: string }>;
}
/** An entry of GET /cards/{number}/transfers (the desk history). */
interface Transfer {
  id: number;
  kind: string;
  points: number;
  rule?: string | null;
  occurrence?: string | null;
  reward?: string | null;
  reason?: string | null;
  at: string;
  expiresOn?: string | null;
  title?: string | null;
  startsAt?: string | null;
  recordedBy?: string | null;
}
type Localized = string | Record<string, string> | null | undefined;
interface Reward {
  id: string;
  name: Localized;
  cost: number;
  left: number;
  perPersonLimit: number;
  validFrom: string;
  validTo: string;
  collectAt?: Localized;
}
interface Redeemed {
  voucher: string;
  reward: string;
  cost: number;
  balance: number;
  validUntil: string;
}

/** A catalogue text in Simplified Chinese (the staff pages' language), else its first language. */
const local = (v: Localized): string =>
  !v ? '' : typeof v === 'string' ? v : (v['zh-hans'] ?? v['zh-Hans'] ?? Object.values(v)[0] ?? '');
const day = (iso: string) => iso.slice(0, 10);

export function initDesk(root: HTMLElement | null = document.querySelector('[data-desk]')) {
  if (!root) return;
  const $ = <T extends HTMLElement = HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  const tools = $('[data-tools]');
  const lookupForm = $<HTMLFormElement>('[data-lookup]');
  const input = $<HTMLInputElement>('#desk-card');
  const lookupError = $('[data-lookup-error]');
  const slip = $('[data-slip]');
  const rewardsSection = $('[data-rewards-section]');
  const rewardsList = $('[data-rewards]');
  const rewardsError = $('[data-rewards-error]');
  const confirm = $('[data-confirm]');
  const voucherPanel = $('[data-voucher]');
  const correct = $('[data-correct]');
  const correctForm = $<HTMLFormElement>('[data-correct-form]');

  let me: StaffMe | undefined;
  let card: CardSummary | undefined;
  let rewards: Reward[] = [];
  let chosen: { reward: Reward; key: string } | undefined;
  let voucher: (Redeemed & { name: string }) | undefined;
  let correctKey = idempotencyKey('fix');

  void checkAccess(root, ['desk', 'admin']).then((who) => {
    if (!who) return;
    me = who;
    tools.hidden = false;
    input.focus();
  });

  lookupForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const scan = parseCardScan(input.value);
    if (!scan.ok) {
      lookupError.textContent =
        scan.problem === 'empty' ? S.desk.empty : scan.problem === 'check' ? S.desk.checkDigit : S.desk.notCard;
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    input.removeAttribute('aria-invalid');
    lookupError.textContent = S.desk.looking;
    void show(scan.number).then(() => input.select());
  });

  async function show(number: string) {
    try {
      const [summary] = await Promise.all([
        api<CardSummary>(`/cards/${number}`, { offlineTitle: S.access.offline }),
        rewards.length ? Promise.resolve() : loadRewards(),
      ]);
      card = summary;
      lookupError.textContent = '';
      closePanels();
      renderCard();
      await renderHistory();
      renderRewards();
      slip.hidden = false;
      rewardsSection.hidden = false;
      correct.hidden = me?.role !== 'admin';
    } catch (e) {
      lookupError.textContent = problemText(e);
    }
  }

  /** Re-reads the card (after a write, or a refusal: the balance shown is the service's). */
  async function refresh() {
    if (!card) return;
    try {
      card = await api<CardSummary>(`/cards/${card.number}`, { offlineTitle: S.access.offline });
      renderCard();
      await Promise.all([renderHistory(), loadRewards()]);
      renderRewards();
    } catch {
      /* the last figures stay; the next look-up shows the service's */
    }
  }

  const stampSlip = () =>
    ($('[data-printed]').textContent = fill(S.desk.slipPrinted, { date: formatTime(new Date().toISOString()) }));
  window.addEventListener('beforeprint', stampSlip);

  function renderCard() {
    if (!card) return;
    stampSlip();
    $('[data-card-number]').textContent = formatCardNumber(card.number);
    $('[data-balance]').textContent = fill(S.desk.points, { n: card.balance });
    const list = $('[data-expiring]');
    list.replaceChildren(
      ...(card.expiring.length
        ? card.expiring.map((l) =>
            el('li', {}, ...fillNodes(S.desk.expiringItem, { n: l.amount, date: nowrap(l.expiresOn) })),
          )
        : [el('li', {}, S.desk.noExpiring)]),
    );
  }

  async function renderHistory() {
    if (!card) return;
    const box = $('[data-history]');
    let items: Transfer[];
    try {
      const r = await api<{ transfers?: Transfer[]; items?: Transfer[] } | Transfer[]>(
        `/cards/${card.number}/transfers`,
        { offlineTitle: S.access.offline },
      );
      items = Array.isArray(r) ? r : (r.transfers ?? r.items ?? []);
    } catch (e) {
      // Until the service offers the desk history (404 not-found), the balance and expiry still show.
      box.replaceChildren(
        el('p', {}, e instanceof ApiProblem && e.code === 'not-found' ? S.desk.historyUnavailable : problemText(e)),
      );
      return;
    }
    if (!items.length) {
      box.replaceChildren(el('p', {}, S.desk.historyNone));
      return;
    }
    const admin = me?.role === 'admin';
    const what = (t: Transfer) =>
      [S.desk.kinds[t.kind] ?? t.kind, t.title, t.reward ? rewardName(t.reward) : null, t.reason]
        .filter(Boolean)
        .join(' · ');
    box.replaceChildren(
      el(
        'table',
        { class: 'staff-table history' },
        el('caption', {}, S.desk.historyCaption),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col' }, S.desk.colDate),
            el('th', { scope: 'col' }, S.desk.colWhat),
            el('th', { scope: 'col', class: 'num' }, S.desk.colPoints),
            el('th', { scope: 'col', class: 'num' }, S.desk.colId),
            admin &&
              el(
                'th',
                { scope: 'col', class: 'no-print' },
                el('span', { class: 'visually-hidden' }, S.correct.reverseRow),
              ),
          ),
        ),
        el(
          'tbody',
          {},
          ...items.map((t) =>
            el(
              'tr',
              {},
              el('td', { class: 'nowrap' }, formatTime(t.at, false)),
              el('td', {}, what(t)),
              el('td', { class: 'num' }, t.points > 0 ? `+${t.points}` : String(t.points)),
              el('td', { class: 'num' }, t.id),
              admin &&
                el(
                  'td',
                  { class: 'no-print' },
                  el(
                    'button',
                    {
                      type: 'button',
                      class: 'button secondary small',
                      'data-reverse': t.id,
                      'aria-label': `${S.correct.reverseRow} ${t.id}`,
                    },
                    S.correct.reverseRow,
                  ),
                ),
            ),
          ),
        ),
      ),
    );
  }

  const rewardName = (id: string) => local(rewards.find((r) => r.id === id)?.name) || id;

  async function loadRewards() {
    try {
      const cat = await api<{ rewards: Reward[] }>('/catalogue', { offlineTitle: S.access.offline });
      rewards = cat.rewards;
      rewardsError.textContent = '';
    } catch (e) {
      rewardsError.textContent = problemText(e);
    }
  }

  function renderRewards() {
    if (!rewards.length) {
      rewardsList.replaceChildren(el('li', {}, S.desk.rewardsNone));
      return;
    }
    rewardsList.replaceChildren(
      ...rewards.map((r) => {
        const name = local(r.name);
        const short = card !== undefined && card.balance < r.cost;
        return el(
          'li',
          { class: 'reward', 'data-reward': r.id },
          el('h3', {}, name),
          el(
            'ul',
            { class: 'facts' },
            el('li', { class: 'cost' }, fill(S.desk.cost, { n: r.cost })),
            el('li', { 'data-left': r.left }, fill(S.desk.left, { n: r.left })),
            el('li', {}, fill(S.desk.limit, { n: r.perPersonLimit })),
            el('li', {}, ...fillNodes(S.desk.valid, { from: nowrap(day(r.validFrom)), to: nowrap(day(r.validTo)) })),
            local(r.collectAt) && el('li', {}, fill(S.desk.collect, { place: local(r.collectAt) })),
          ),
          short && el('p', { class: 'short' }, S.desk.shortHint),
          el(
            'button',
            { type: 'button', class: 'button', 'data-choose': r.id, 'aria-label': `${S.desk.choose}：${name}` },
            S.desk.choose,
          ),
        );
      }),
    );
  }

  function closePanels() {
    confirm.hidden = true;
    voucherPanel.hidden = true;
    chosen = undefined;
  }

  rewardsList.addEventListener('click', (e) => {
    const id = (e.target as HTMLElement).closest<HTMLElement>('[data-choose]')?.dataset.choose;
    const reward = rewards.find((r) => r.id === id);
    if (!reward || !card) return;
    chosen = { reward, key: idempotencyKey('redeem') };
    voucherPanel.hidden = true;
    $('[data-redeem-error]').textContent = '';
    $('[data-confirm-text]').textContent = fill(S.desk.confirmText, {
      cost: reward.cost,
      card: formatCardNumber(card.number),
      name: local(reward.name),
      after: card.balance - reward.cost,
    });
    confirm.hidden = false;
    $('#confirm-title').focus();
  });

  $('[data-confirm-back]').addEventListener('click', () => {
    const id = chosen?.reward.id;
    closePanels();
    root.querySelector<HTMLElement>(`[data-choose="${id}"]`)?.focus();
  });

  $('[data-confirm-go]').addEventListener('click', async (e) => {
    if (!chosen || !card) return;
    const button = e.currentTarget as HTMLButtonElement;
    button.disabled = true;
    const error = $('[data-redeem-error]');
    error.textContent = '';
    try {
      const r = await api<Redeemed>('/redemptions', {
        body: { reward: chosen.reward.id, card: { number: card.number } },
        key: chosen.key,
        offlineTitle: S.access.offline,
      });
      voucher = { ...r, name: local(chosen.reward.name) };
      confirm.hidden = true;
      chosen = undefined;
      showVoucher();
      await refresh();
    } catch (err) {
      error.textContent = `${S.desk.refused}${problemText(err)}`;
      await refresh();
    } finally {
      button.disabled = false;
    }
  });

  function showVoucher() {
    if (!voucher) return;
    $('[data-voucher-number]').textContent = voucher.voucher;
    $('[data-voucher-reward]').textContent = voucher.name;
    $('[data-voucher-valid]').replaceChildren(
      ...fillNodes(S.desk.voucherValid, { date: nowrap(day(voucher.validUntil)) }),
    );
    $('[data-voucher-balance]').textContent = fill(S.desk.voucherBalance, { n: voucher.balance });
    $('[data-voucher-status]').textContent = '';
    $('[data-voucher-actions]').hidden = false;
    voucherPanel.hidden = false;
    voucherKeys = { handover: idempotencyKey('handover'), cancel: idempotencyKey('cancel') };
    $('#voucher-title').focus();
  }
  let voucherKeys = { handover: '', cancel: '' };

  async function voucherAction(action: 'handover' | 'cancel') {
    if (!voucher) return;
    const status = $('[data-voucher-status]');
    try {
      const r = await api<{ balance?: number }>(`/redemptions/${voucher.voucher}/${action}`, {
        method: 'POST',
        key: voucherKeys[action],
        offlineTitle: S.access.offline,
      });
      $('[data-voucher-actions]').hidden = true;
      status.textContent = action === 'handover' ? S.desk.handed : fill(S.desk.cancelled, { n: voucher.cost });
      if (r.balance !== undefined)
        $('[data-voucher-balance]').textContent = fill(S.desk.voucherBalance, { n: r.balance });
      voucher = undefined;
      await refresh();
      $('[data-next]').focus();
    } catch (e) {
      status.textContent = `${S.desk.refused}${problemText(e)}`;
    }
  }
  $('[data-handover]').addEventListener('click', () => void voucherAction('handover'));
  $('[data-cancel]').addEventListener('click', () => void voucherAction('cancel'));

  $('[data-print]').addEventListener('click', () => {
    stampSlip();
    window.print();
  });
  $('[data-next]').addEventListener('click', () => {
    card = undefined;
    voucher = undefined;
    closePanels();
    slip.hidden = true;
    rewardsSection.hidden = true;
    correct.hidden = true;
    input.value = '';
    lookupError.textContent = '';
    input.focus();
  });

  // ---- corrections (admins) ----
  const modeOf = () => (correctForm.elements.namedItem('mode') as RadioNodeList).value;
  const showMode = () => {
    const reverse = modeOf() === 'reverse';
    correctForm.querySelector<HTMLElement>('[data-when="amount"]')!.hidden = reverse;
    correctForm.querySelector<HTMLElement>('[data-when="reverse"]')!.hidden = !reverse;
  };
  correctForm.addEventListener('change', (e) => {
    if ((e.target as HTMLInputElement).name === 'mode') showMode();
  });
  root.addEventListener('click', (e) => {
    const id = (e.target as HTMLElement).closest<HTMLElement>('[data-reverse]')?.dataset.reverse;
    if (!id) return;
    correctForm.querySelector<HTMLInputElement>('input[value="reverse"]')!.checked = true;
    showMode();
    $<HTMLInputElement>('#correct-transfer').value = id;
    $<HTMLTextAreaElement>('#correct-reason').focus();
  });
  correctForm.addEventListener('input', () => {
    // A changed form is a new correction (a new key); an unchanged resubmission is the same one.
    correctKey = idempotencyKey('fix');
  });
  correctForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!card) return;
    const error = $('[data-correct-error]');
    const done = $('[data-correct-done]');
    error.textContent = '';
    done.textContent = '';
    const reason = $<HTMLTextAreaElement>('#correct-reason').value;
    const mode = modeOf();
    const body =
      mode === 'reverse'
        ? { reverses: Number($<HTMLInputElement>('#correct-transfer').value), reason }
        : {
            card: { number: card.number },
            points: (mode === 'remove' ? -1 : 1) * Number($<HTMLInputElement>('#correct-amount').value),
            reason,
          };
    try {
      const r = await api<{ transfer: number }>('/admin/corrections', {
        body,
        key: correctKey,
        offlineTitle: S.access.offline,
      });
      done.textContent = fill(S.correct.done, { id: r.transfer });
      correctForm.reset();
      showMode();
      correctKey = idempotencyKey('fix');
      await refresh();
    } catch (err) {
      error.textContent = `${S.correct.refused}${problemText(err)}`;
    }
  });
}
