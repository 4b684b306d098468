/**
 * The desk's paper card in the browser: registers the card with the service as the signed-in staff member (the
 * service records who made it), or takes an existing number (typed, or scanned by a keyboard-style scanner),
 * and draws the card to print. The printed name stays in this page.
 */
import { cardQrText, formatCardNumber, parseCardScan } from '@hc/domain/points/card.ts';
import { parseNumberInput } from '@hc/domain/quiz/number-input.ts';
import { api, ApiProblem, idempotencyKey } from '../../../lib/points/client.ts';
import { qrSvg } from '../../../lib/share/links.ts';

export function startPaperCard(root: HTMLElement): void {
  const $ = <T extends HTMLElement = HTMLElement>(name: string) => root.querySelector<T>(`[data-${name}]`)!;
  const sheet = $('paper-sheet');

  async function preview(number: string, name: string) {
    $('paper-qr').innerHTML = await qrSvg(cardQrText(number));
    $('paper-number').textContent = formatCardNumber(number);
    $('paper-name').textContent = name;
    $('paper-name').hidden = !name;
    $('paper-preview').hidden = false;
    $('paper-preview').scrollIntoView({ block: 'start' });
  }

  for (const radio of root.querySelectorAll<HTMLInputElement>('input[name="paper-size"]'))
    radio.addEventListener('change', () => {
      sheet.classList.toggle('a6', radio.value === 'a6' && radio.checked);
      sheet.classList.toggle('bank', radio.value === 'bank' && radio.checked);
    });
  $('paper-print').addEventListener('click', () => print());

  api<{ role: string }>('/staff/me').catch((e: unknown) => {
    if (e instanceof ApiProblem && (e.status === 401 || e.status === 403)) {
      $('paper-signin').hidden = false;
      for (const el of $('paper-new').querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button'))
        el.disabled = true;
    }
  });

  // One key per card being made: a second tap after a lost answer gets the same card back.
  let key = idempotencyKey('paper');
  $<HTMLFormElement>('paper-new').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const form = ev.currentTarget as HTMLFormElement;
    const field = (n: string) => form.elements.namedItem(n) as HTMLInputElement;
    const error = $('paper-error');
    const fail = (text: string, input?: HTMLInputElement) => {
      error.textContent = text;
      input?.setAttribute('aria-invalid', 'true');
      input?.focus();
    };
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    if (!field('consent').checked) return fail('请先确认居民已在纸质同意书上签字。', field('consent'));
    if (!field('age').checked) return fail('未满 14 周岁的居民暂不办理积分卡。', field('age'));
    let birthYear: number | undefined;
    if (field('birthYear').value.trim()) {
      const y = parseNumberInput(field('birthYear').value);
      const thisYear = new Date().getFullYear();
      if (!y.ok || !Number.isInteger(y.value) || y.value < 1900 || y.value > thisYear - 14)
        return fail(`出生年份请填 1900 到 ${thisYear - 14} 之间的四位数，例如 1950。`, field('birthYear'));
      birthYear = y.value;
    }
    const community = field('community').value.trim();
    error.textContent = '';
    try {
      const r = await api<{ number: string }>('/cards', {
        body: {
          consentVersion: root.dataset.consent,
          olderThan14: true,
          ...(birthYear ? { birthYear } : {}),
          ...(community ? { community } : {}),
        },
        key,
        lang: 'zh-Hans',
      });
      key = idempotencyKey('paper');
      await preview(r.number, field('name').value.trim());
    } catch (e) {
      fail(e instanceof ApiProblem ? (e.offline ? '连不上积分服务，请检查网络后再试。' : e.title) : String(e));
    }
  });

  $<HTMLFormElement>('paper-reprint').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const form = ev.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('number') as HTMLInputElement;
    const scan = parseCardScan(input.value);
    const error = $('paper-reprint-error');
    if (!scan.ok) {
      error.textContent = scan.problem === 'check' ? '卡号有误，请核对' : '请填 10 位卡号，或扫描卡上的二维码';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    error.textContent = '';
    await preview(scan.number, (form.elements.namedItem('name') as HTMLInputElement).value.trim());
  });
}
