/**
 * Header controls for text size (标准 / 大字 / 特大) and high contrast. The choice is stored on the device and
 * mirrored on <html> (data-size, data-contrast), where the head script already put it before first paint.
 * The controls are hidden until this runs (html[data-js]), so pages without JavaScript keep the standard size.
 * They sit behind the header's 字号 button (SiteHeader.astro); every [data-disclose] button on the page is run here.
 */
import { PREF_KEYS, effectiveSize, parseFlag, parseSize, type TextSize } from './prefs.ts';

function store(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function save(key: string, value: string | null): void {
  const s = store();
  if (!s) return;
  try {
    if (value === null) s.removeItem(key);
    else s.setItem(key, value);
  } catch {
    /* storage full or blocked: the choice still applies to this page */
  }
}

export function applySize(size: TextSize, root: HTMLElement = document.documentElement): void {
  if (size === 'standard') root.removeAttribute('data-size');
  else root.setAttribute('data-size', size);
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-set-size]')) {
    b.setAttribute('aria-pressed', String(b.dataset.setSize === size));
  }
}

export function applyContrast(high: boolean, root: HTMLElement = document.documentElement): void {
  if (high) root.setAttribute('data-contrast', 'high');
  else root.removeAttribute('data-contrast');
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-toggle-contrast]')) {
    b.setAttribute('aria-pressed', String(high));
  }
}

export function initDisplayControls(): void {
  const s = store();
  const simple = document.documentElement.hasAttribute('data-simple');
  applySize(effectiveSize(s?.getItem(PREF_KEYS.size), simple));
  applyContrast(parseFlag(s?.getItem(PREF_KEYS.contrast)));
  document.addEventListener('click', (event) => {
    const target = (event.target as Element | null)?.closest<HTMLButtonElement>(
      '[data-set-size], [data-toggle-contrast], [data-disclose]',
    );
    if (!target) return;
    if (target.hasAttribute('data-disclose')) {
      // A disclosure button (the header's 搜索 / 字号 / 菜单, the article's reading tools): shows the parts it
      // controls (aria-controls) with the class is-open, says so with aria-expanded, and puts a search field
      // it opens under the finger.
      const open = target.ariaExpanded !== 'true';
      target.ariaExpanded = String(open);
      for (const id of target.getAttribute('aria-controls')!.split(' '))
        document.getElementById(id)?.classList.toggle('is-open', open);
      if (open) document.querySelector<HTMLElement>('.is-open[role=search] input')?.focus();
    } else if (target.dataset.setSize) {
      const size = parseSize(target.dataset.setSize);
      applySize(size);
      save(PREF_KEYS.size, size);
    } else {
      const high = target.getAttribute('aria-pressed') !== 'true';
      applyContrast(high);
      save(PREF_KEYS.contrast, high ? '1' : null);
    }
  });
  // Another tab changed the choice: follow it.
  window.addEventListener('storage', (e) => {
    if (e.key === PREF_KEYS.size)
      applySize(effectiveSize(e.newValue, document.documentElement.hasAttribute('data-simple')));
    if (e.key === PREF_KEYS.contrast) applyContrast(parseFlag(e.newValue));
  });
}
