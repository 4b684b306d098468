/**
 * The home page's "I am…" picker, upgraded when JavaScript runs: the hub links become toggle buttons,
 * the choice is kept in localStorage, and the chosen audience's section (hidden until then, so a first visit
 * sees a short home) shows under the picker. Without JavaScript the links simply open each audience's hub.
 */
import { fill } from '../../lib/text/fill.ts';
import { AUDIENCE_STORAGE_KEY, orderForAudience, readChoice } from './order.ts';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function initAudiencePicker(root: Document = document): void {
  const picker = root.querySelector<HTMLElement>('[data-audience-picker]');
  const container = root.querySelector<HTMLElement>('[data-audience-sections]');
  if (!picker || !container) return;
  const status = picker.querySelector<HTMLElement>('[data-picker-status]');
  const clearWrap = picker.querySelector<HTMLElement>('[data-picker-clear-wrap]');
  const links = [...picker.querySelectorAll<HTMLAnchorElement>('a[data-pick]')];
  const ids = links.map((a) => a.dataset.pick!);
  const originalOrder = [...container.querySelectorAll<HTMLElement>('[data-audience-section]')];

  const buttons = links.map((link) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = link.className;
    button.dataset.pick = link.dataset.pick;
    button.dataset.name = link.dataset.name;
    button.setAttribute('aria-pressed', 'false');
    button.append(...link.childNodes);
    link.replaceWith(button);
    return button;
  });

  function apply(chosen: string | null): void {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.pick === chosen));
    const ordered = orderForAudience(originalOrder, (el) => el.dataset.audienceSection ?? '', chosen);
    container!.append(...ordered);
    for (const section of originalOrder) section.hidden = section.dataset.audienceSection !== chosen;
    if (clearWrap) clearWrap.hidden = !chosen;
    if (status) {
      const name = buttons.find((b) => b.dataset.pick === chosen)?.dataset.name;
      status.textContent = chosen && name ? fill(status.dataset.template, { name }) : '';
    }
  }

  for (const b of buttons) {
    b.addEventListener('click', () => {
      const id = b.dataset.pick!;
      storage()?.setItem(AUDIENCE_STORAGE_KEY, id);
      apply(id);
    });
  }
  picker.querySelector('[data-picker-clear]')?.addEventListener('click', () => {
    storage()?.removeItem(AUDIENCE_STORAGE_KEY);
    apply(null);
  });
  apply(readChoice(storage()?.getItem(AUDIENCE_STORAGE_KEY) ?? null, ids));
}
