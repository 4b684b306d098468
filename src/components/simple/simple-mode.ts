/**
 * Simple mode (长辈版): entering the simple home remembers the choice on the device; the home page then opens
 * the simple home (see the head script in pages/[...lang]/index.astro), and every page shows the short
 * simple navigation instead of the main menu. "Back to the standard version" forgets it.
 */
import { PREF_KEYS } from '../site/prefs.ts';

function setSimple(on: boolean): void {
  try {
    if (on) localStorage.setItem(PREF_KEYS.simple, '1');
    else localStorage.removeItem(PREF_KEYS.simple);
  } catch {
    /* storage blocked: simple mode lasts for this page only */
  }
  if (on) document.documentElement.setAttribute('data-simple', '');
  else document.documentElement.removeAttribute('data-simple');
  // Leaving simple mode keeps the size the person sees (large, unless they chose otherwise).
  try {
    if (!on && !localStorage.getItem(PREF_KEYS.size) && document.documentElement.getAttribute('data-size')) {
      localStorage.setItem(PREF_KEYS.size, document.documentElement.getAttribute('data-size')!);
    }
  } catch {
    /* nothing to keep */
  }
}

export function initSimpleMode(): void {
  if (document.documentElement.hasAttribute('data-simple-page')) setSimple(true);
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-exit-simple]')) {
    button.addEventListener('click', () => {
      setSimple(false);
      window.location.assign(button.dataset.home ?? '/');
    });
  }
}
