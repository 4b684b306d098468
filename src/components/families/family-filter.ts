/**
 * Filters the family gallery in place: year links become instant filters, award and habit buttons toggle.
 * The state goes into the URL query (?year=2026&habit=…) without a request, so a filtered view can be shared.
 */
import { fillPlural } from '../../lib/text/fill.ts';
import { matches, type GalleryFilter, type GalleryItem } from './gallery.ts';

export function initFamilyFilter(root: HTMLElement): void {
  const cards = [...root.querySelectorAll<HTMLElement>('li[data-year]')];
  const items: Array<{ el: HTMLElement; item: GalleryItem }> = cards.map((el) => ({
    el,
    item: {
      slug: '',
      year: Number(el.dataset.year),
      award: el.dataset.award ?? '',
      habits: JSON.parse(el.dataset.habits ?? '[]') as string[],
    },
  }));
  const status = root.querySelector<HTMLElement>('[data-gallery-status]')!;
  const empty = root.querySelector<HTMLElement>('[data-gallery-empty]')!;
  const yearLinks = [...root.querySelectorAll<HTMLAnchorElement>('a[data-filter-year]')];
  const buttons = [...root.querySelectorAll<HTMLButtonElement>('button[data-filter]')];
  const filter: GalleryFilter = {};
  const current = yearLinks.find((a) => a.getAttribute('aria-current') === 'page');
  if (current?.dataset.filterYear) filter.year = Number(current.dataset.filterYear);

  function render(): void {
    let shown = 0;
    for (const { el, item } of items) {
      const ok = matches(item, filter);
      el.hidden = !ok;
      if (ok) shown += 1;
    }
    status.textContent = fillPlural(JSON.parse(root.dataset.countForms ?? '{}'), shown, document.documentElement.lang);
    empty.hidden = shown > 0;
    for (const a of yearLinks) {
      const y = a.dataset.filterYear ? Number(a.dataset.filterYear) : undefined;
      if (y === filter.year) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    for (const b of buttons) {
      const key = b.dataset.filter as 'award' | 'habit';
      b.setAttribute('aria-pressed', String((filter[key] ?? '') === (b.dataset.value ?? '')));
    }
    const url = new URL(window.location.href);
    for (const key of ['year', 'award', 'habit'] as const) {
      const v = filter[key];
      if (v === undefined) url.searchParams.delete(key);
      else url.searchParams.set(key, String(v));
    }
    history.replaceState(null, '', url);
  }

  // Year links filter in place only on the full gallery (a year page lists just its own families).
  if (items.length > 0 && !current?.dataset.filterYear) {
    for (const a of yearLinks) {
      a.addEventListener('click', (e) => {
        e.preventDefault();
        filter.year = a.dataset.filterYear ? Number(a.dataset.filterYear) : undefined;
        render();
      });
    }
  }
  for (const b of buttons) {
    b.addEventListener('click', () => {
      const key = b.dataset.filter as 'award' | 'habit';
      filter[key] = b.dataset.value ? b.dataset.value : undefined;
      render();
    });
  }
  const params = new URL(window.location.href).searchParams;
  if (params.get('year') && !current?.dataset.filterYear) filter.year = Number(params.get('year'));
  if (params.get('award')) filter.award = params.get('award')!;
  if (params.get('habit')) filter.habit = params.get('habit')!;
  root.classList.add('is-enhanced');
  render();
}
